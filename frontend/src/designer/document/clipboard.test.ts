import { describe, expect, it } from 'vitest';
import type { PipelineParameters } from '../../api/models';
import { node, sampleGraph } from '../../test/fixtures';
import { copyNodes, parseClipboard, PASTE_OFFSET, pasteNodes, serializeClipboard } from './clipboard';

function doc(parameters: PipelineParameters = {}) {
  const graph = sampleGraph();
  graph.nodes[1] = { ...graph.nodes[1]!, params: { seed: { $param: 'seed' }, fraction: 0.5 } };
  return { graph, parameters };
}

describe('copyNodes', () => {
  it('keeps the chosen nodes, the edges between them and the parameters they use', () => {
    const data = copyNodes(doc({ seed: { type: 'integer', default: 1 }, other: { type: 'string' } }), new Set(['load', 'split']));
    expect(data?.nodes.map((n) => n.id)).toEqual(['load', 'split']);
    expect(data?.edges).toEqual([{ source: 'load', source_port: 'data', target: 'split', target_port: 'data' }]);
    expect(data?.parameters).toEqual({ seed: { type: 'integer', default: 1 } });
    expect(copyNodes(doc(), new Set())).toBeNull();
  });

  it('round-trips through text, and ignores text that is not a copy', () => {
    const data = copyNodes(doc(), new Set(['split']))!;
    expect(parseClipboard(serializeClipboard(data))).toEqual(data);
    expect(parseClipboard('hello')).toBeNull();
    expect(parseClipboard(JSON.stringify({ nodes: [] }))).toBeNull();
    expect(parseClipboard(null)).toBeNull();
  });
});

describe('pasteNodes', () => {
  it('gives new ids, keeps internal edges under them, and puts the copies beside the originals', () => {
    const source = doc({ seed: { type: 'integer', default: 1 } });
    const data = copyNodes(source, new Set(['load', 'split']))!;
    const { doc: pasted, ids } = pasteNodes(source, data);
    expect(ids).toEqual(['load_csv', 'split_data']);
    const added = pasted.graph.nodes.slice(3);
    const offset = added[0]!.position!.x;
    expect(added.map((n) => n.position)).toEqual([
      { x: offset, y: offset },
      { x: offset, y: 150 + offset },
    ]);
    // No copy covers any node of the pipeline (nodes taken as 240 × 110).
    for (const copy of added) {
      for (const other of pasted.graph.nodes.filter((n) => !ids.includes(n.id))) {
        const apart =
          Math.abs(copy.position!.x - other.position!.x) >= 240 || Math.abs(copy.position!.y - other.position!.y) >= 110;
        expect(apart, `${copy.id} covers ${other.id}`).toBe(true);
      }
    }
    expect(added[1]?.params).toEqual({ seed: { $param: 'seed' }, fraction: 0.5 });
    expect(pasted.graph.edges.at(-1)).toEqual({ source: 'load_csv', source_port: 'data', target: 'split_data', target_port: 'data' });
    expect(pasted.graph.edges).toHaveLength(3);
  });

  it('pasting again cascades, each copy clear of the ones before', () => {
    const start = { graph: { nodes: [node('a', 'x@1', 0, 0)], edges: [] }, parameters: {} };
    const data = copyNodes(start, new Set(['a']))!;
    const size = () => ({ width: 200, height: 100 });
    const once = pasteNodes(start, data, size).doc;
    const twice = pasteNodes(once, data, size).doc;
    expect(twice.graph.nodes.map((n) => [n.id, n.position?.x, n.position?.y])).toEqual([
      ['a', 0, 0],
      ['x', 3 * PASTE_OFFSET, 3 * PASTE_OFFSET],
      ['x_2', 6 * PASTE_OFFSET, 6 * PASTE_OFFSET],
    ]);
  });

  it('into an empty spot, the copy moves by one step only', () => {
    const data = copyNodes({ graph: { nodes: [node('a', 'x@1', 0, 0)], edges: [] }, parameters: {} }, new Set(['a']))!;
    const elsewhere = { graph: { nodes: [node('b', 'x@1', 2000, 2000)], edges: [] }, parameters: {} };
    expect(pasteNodes(elsewhere, data).doc.graph.nodes[1]?.position).toEqual({ x: PASTE_OFFSET, y: PASTE_OFFSET });
  });

  it('adds the bound parameters the target pipeline lacks, keeping its own', () => {
    const data = copyNodes(doc({ seed: { type: 'integer', default: 1 } }), new Set(['split']))!;
    const target = { graph: { nodes: [], edges: [] }, parameters: { seed: { type: 'integer' as const, default: 9 }, x: { type: 'string' as const } } };
    expect(pasteNodes(target, data).doc.parameters).toEqual(target.parameters);
    const empty = { graph: { nodes: [], edges: [] }, parameters: {} };
    expect(pasteNodes(empty, data).doc.parameters).toEqual({ seed: { type: 'integer', default: 1 } });
  });
});
