import { describe, expect, it } from 'vitest';
import { sampleGraph } from '../test/fixtures';
import type { GraphNode } from '../api/models';
import { createEdgeMapper, createNodeMapper, EMPTY_VIEW, edgeId, toFlowEdges, toFlowNodes, toRunFlowNodes } from './flowMapping';
import { moveNodes } from '../designer/document/graphEdits';

describe('toFlowNodes', () => {
  it('maps document nodes to component nodes carrying the fields they draw', () => {
    const nodes = toFlowNodes(sampleGraph());
    expect(nodes).toHaveLength(3);
    expect(nodes[1]).toEqual({
      id: 'split',
      type: 'component',
      position: { x: 0, y: 150 },
      data: { component: 'split_data@1.0.0', comment: '', disabled: false, source: '' },
      selected: false,
    });
  });

  it('re-creates only the node whose comment or bypass changed', () => {
    const graph = sampleGraph();
    const before = toFlowNodes(graph);
    const nodes = graph.nodes.map((n) => (n.id === 'train' ? { ...n, comment: 'fit', disabled: true } : n));
    const after = toFlowNodes({ ...graph, nodes }, EMPTY_VIEW, before);
    expect(after[0]).toBe(before[0]);
    expect(after[2]?.data).toEqual({ component: 'train_model@2.0.0', comment: 'fit', disabled: true, source: '' });
  });

  it('names what a dataset or registered-model node reads, and re-creates it when that changes', () => {
    const graph = sampleGraph();
    const source = (params: Record<string, string>, component = 'dataset@1.0.0') => ({ ...graph.nodes[0]!, component, params });
    const before = toFlowNodes({ ...graph, nodes: [source({ name: 'houses', version: 'latest' }), ...graph.nodes.slice(1)] });
    expect(before[0]?.data.source).toBe('houses · latest');
    const pinned = toFlowNodes({ ...graph, nodes: [source({ name: 'houses', version: '3' }), ...graph.nodes.slice(1)] }, EMPTY_VIEW, before);
    expect(pinned[0]?.data.source).toBe('houses · v3');
    expect(pinned[1]).toBe(before[1]);
    const model = toFlowNodes({ ...graph, nodes: [source({ name: 'price', version: '@production' }, 'registered_model@1.0.0')] });
    expect(model[0]?.data.source).toBe('price · @production');
    expect(toFlowNodes({ ...graph, nodes: [source({ name: 'x' }, 'load_csv@1.0.0')] })[0]?.data.source).toBe('');
  });

  it('adds view state: selection and measured size', () => {
    const view = { ...EMPTY_VIEW, selectedNodes: { split: true }, measured: { split: { width: 200, height: 80 } } };
    const split = toFlowNodes(sampleGraph(), view)[1];
    expect(split?.selected).toBe(true);
    expect(split?.measured).toEqual({ width: 200, height: 80 });
  });

  it('keeps unchanged nodes as the same objects, so only a moved node re-renders', () => {
    const graph = sampleGraph();
    const before = toFlowNodes(graph);
    const moved = moveNodes(graph, new Map([['split', { x: 40, y: 160 }]]));
    const after = toFlowNodes(moved, EMPTY_VIEW, before);

    expect(after[0]).toBe(before[0]);
    expect(after[2]).toBe(before[2]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[1]?.position).toEqual({ x: 40, y: 160 });
  });

  it('returns the previous array when nothing changed', () => {
    const map = createNodeMapper();
    const graph = sampleGraph();
    const first = map(graph, EMPTY_VIEW);
    expect(map(graph, EMPTY_VIEW)).toBe(first);
  });

  it('reads no field of an untouched node when another one moves', () => {
    const size = 1000;
    let reads = 0;
    // A document node whose drawn fields count their reads (id is read to pair nodes up).
    const counted = (i: number): GraphNode => {
      const fields = { component: 'split_data@1.0.0', comment: '', params: {}, position: { x: i * 10, y: 0 } };
      const read = <K extends keyof typeof fields>(key: K) => () => {
        reads += 1;
        return fields[key];
      };
      return Object.defineProperties({ id: `n${i}` } as GraphNode, {
        component: { get: read('component'), enumerable: true },
        comment: { get: read('comment'), enumerable: true },
        params: { get: read('params'), enumerable: true },
        position: { get: read('position'), enumerable: true },
      });
    };
    const graph = { nodes: Array.from({ length: size }, (_, i) => counted(i)), edges: [] };
    const map = createNodeMapper();
    const before = map(graph, EMPTY_VIEW);
    reads = 0;

    const after = map(moveNodes(graph, new Map([['n500', { x: 1, y: 2 }]])), EMPTY_VIEW);
    expect(after[500]?.position).toEqual({ x: 1, y: 2 });
    expect(after.filter((node, index) => node !== before[index]).map((node) => node.id)).toEqual(['n500']);
    // Only the moved node's fields are read (by the move and by the mapping), not 1,000 nodes'.
    expect(reads).toBeLessThan(20);
  });

  it('still compares the fields of an equal node given as a new object', () => {
    const graph = sampleGraph();
    const before = toFlowNodes(graph);
    const copies = graph.nodes.map((n) => ({ ...n }));
    expect(toFlowNodes({ ...graph, nodes: copies }, EMPTY_VIEW, before)).toBe(before);
    const moved = copies.map((n) => (n.id === 'load' ? { ...n, position: { x: 5, y: 5 } } : n));
    const after = toFlowNodes({ ...graph, nodes: moved }, EMPTY_VIEW, before);
    expect(after[0]?.position).toEqual({ x: 5, y: 5 });
    expect(after[1]).toBe(before[1]);
  });

  it('re-creates a node whose selection changed', () => {
    const graph = sampleGraph();
    const before = toFlowNodes(graph);
    const after = toFlowNodes(graph, { ...EMPTY_VIEW, selectedNodes: { load: true } }, before);
    expect(after[0]).not.toBe(before[0]);
    expect(after[1]).toBe(before[1]);
  });
});

describe('toFlowEdges', () => {
  it('maps ports to handle ids with a stable edge id', () => {
    const edges = toFlowEdges(sampleGraph(), { 'load.data->split.data': true });
    expect(edges[0]).toEqual({
      id: 'load.data->split.data',
      source: 'load',
      sourceHandle: 'data',
      target: 'split',
      targetHandle: 'data',
      selected: true,
    });
    expect(edgeId(sampleGraph().edges[1]!)).toBe('split.first->train.data');
  });

  it('reuses unchanged edges', () => {
    const graph = sampleGraph();
    const before = toFlowEdges(graph);
    expect(toFlowEdges(graph, {}, before)).toBe(before);
  });
});

describe('createEdgeMapper', () => {
  it('does not look at the edges again while they and the selection are the same', () => {
    const graph = sampleGraph();
    let reads = 0;
    const counted = new Proxy(graph.edges, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const map = createEdgeMapper();
    const selected = {};
    const first = map(counted, selected);
    reads = 0;
    expect(map(counted, selected)).toBe(first);
    expect(reads).toBe(0);

    const picked = map(counted, { 'load.data->split.data': true });
    expect(picked[0]?.selected).toBe(true);
    expect(picked[1]).toBe(first[1]);
  });
});

describe('toRunFlowNodes', () => {
  it('makes read-only run nodes that know the port names their edges use', () => {
    const [load, split] = toRunFlowNodes(sampleGraph());
    expect(load).toMatchObject({ id: 'load', type: 'run', draggable: false, connectable: false });
    expect(load?.data).toEqual({ component: 'load_csv@1.0.0', inputs: [], outputs: ['data'] });
    expect(split?.data.inputs).toEqual(['data']);
    expect(split?.data.outputs).toEqual(['first']);
  });

  it('reads each edge a bounded number of times, however many nodes there are', () => {
    const size = 2000;
    const nodes = Array.from({ length: size }, (_, i) => ({ ...sampleGraph().nodes[1]!, id: `n${i}` }));
    const edges = nodes.slice(1).map((n, i) => ({ source: `n${i}`, source_port: 'first', target: n.id, target_port: 'data' }));
    let reads = 0;
    const counted = new Proxy(edges, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const mapped = toRunFlowNodes({ nodes, edges: counted });
    expect(mapped[7]?.data).toMatchObject({ inputs: ['data'], outputs: ['first'] });
    // One pass over the edges, not one per node (which would read them about size² times).
    expect(reads).toBeLessThanOrEqual(2 * edges.length);
  });
});
