import { beforeEach, describe, expect, it } from 'vitest';
import type { Pipeline } from '../api/types';
import { sampleGraph } from '../test/fixtures';
import { normalizeGraph } from './graphEdits';
import { selectIsDirty, toUpdateBody, useDocument } from './documentStore';

function pipeline(overrides: Partial<Pipeline> = {}): Pipeline {
  return {
    id: 3,
    name: 'Churn',
    description: '',
    graph: sampleGraph(),
    parameters: {},
    revision: 4,
    created_at: '2026-11-25T10:00:00Z',
    updated_at: '2026-11-25T10:00:00Z',
    ...overrides,
  };
}

const graph = () => useDocument.getState().draft!.graph;

beforeEach(() => {
  useDocument.getState().load(pipeline());
});

describe('document store', () => {
  it('loads clean and becomes dirty on an edit', () => {
    expect(selectIsDirty(useDocument.getState())).toBe(false);
    useDocument.getState().rename('Churn v2');
    expect(selectIsDirty(useDocument.getState())).toBe(true);
  });

  it('adds nodes with the graph JSON fields and unique ids', () => {
    const first = useDocument.getState().addNode('split_data@1.0.0', { x: 10.4, y: 20.6 });
    const second = useDocument.getState().addNode('split_data@1.0.0', { x: 0, y: 0 });
    expect(first).toBe('split_data');
    expect(second).toBe('split_data_2');
    expect(graph().nodes.find((n) => n.id === 'split_data')).toEqual({
      id: 'split_data',
      component: 'split_data@1.0.0',
      params: {},
      compute: null,
      reuse: true,
      comment: '',
      position: { x: 10, y: 21 },
    });
  });

  it('removes a node together with its edges', () => {
    useDocument.getState().removeNodes(['split']);
    expect(graph().nodes.map((n) => n.id)).toEqual(['load', 'train']);
    expect(graph().edges).toEqual([]);
  });

  it('removes edges by their React Flow id', () => {
    useDocument.getState().removeEdges(['load.data->split.data']);
    expect(graph().edges).toHaveLength(1);
  });

  it('sets a parameter, and removes the key when the value is undefined', () => {
    useDocument.getState().setParam('split', 'fraction', 0.8);
    expect(graph().nodes[1]?.params).toEqual({ fraction: 0.8 });
    useDocument.getState().setParam('split', 'fraction', undefined);
    expect(graph().nodes[1]?.params).toEqual({});
  });

  it('stays dirty when edited while a save was in flight', () => {
    const { change } = useDocument.getState();
    useDocument.getState().rename('sent');
    const sentAt = useDocument.getState().change;
    useDocument.getState().rename('typed during save');
    useDocument.getState().markSaved(5, sentAt);

    expect(change).toBe(0);
    expect(useDocument.getState().draft?.revision).toBe(5);
    expect(selectIsDirty(useDocument.getState())).toBe(true);
    useDocument.getState().markSaved(6, useDocument.getState().change);
    expect(selectIsDirty(useDocument.getState())).toBe(false);
  });

  it('does not become dirty for an edit that changes nothing', () => {
    useDocument.getState().moveNodes(new Map([['load', { x: 0, y: 0 }]]));
    useDocument.getState().connect(sampleGraph().edges[0]!);
    expect(selectIsDirty(useDocument.getState())).toBe(false);
  });

  it('builds the PUT body with the revision it started from', () => {
    expect(toUpdateBody(useDocument.getState().draft!)).toEqual({
      name: 'Churn',
      description: '',
      graph: sampleGraph(),
      parameters: {},
      revision: 4,
    });
  });
});

describe('normalizeGraph', () => {
  it('fills missing node fields and drops malformed entries', () => {
    const result = normalizeGraph({
      nodes: [{ id: 'a', component: 'x@1' }, { id: 3 }],
      edges: [{ source: 'a', source_port: 'o', target: 'b', target_port: 'i' }, { source: 'a' }],
    });
    expect(result.nodes).toEqual([
      { id: 'a', component: 'x@1', params: {}, compute: null, reuse: true, comment: '', position: { x: 0, y: 0 } },
    ]);
    expect(result.edges).toHaveLength(1);
    expect(normalizeGraph(null)).toEqual({ nodes: [], edges: [] });
  });
});
