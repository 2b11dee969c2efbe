import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Pipeline } from '../../api/models';
import { sampleGraph } from '../../test/fixtures';
import { normalizeGraph } from './graphEdits';
import { pasteNodes, copyNodes } from './clipboard';
import { selectCanRedo, selectCanUndo, selectIsDirty, toUpdateBody, useDocument } from './documentStore';

function pipeline(overrides: Partial<Pipeline> = {}): Pipeline {
  return {
    id: 3,
    workspace: 'default',
    name: 'Churn',
    description: '',
    graph: sampleGraph(),
    parameters: {},
    default_compute: 'default',
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

  it('adds a node with its parameters filled in, as one undo step', () => {
    const params = { dataset: 'iris' };
    const pastBefore = useDocument.getState().history.past.length;
    const id = useDocument.getState().addNode('sample_dataset@1.0.0', { x: 0, y: 0 }, params);
    expect(id).toBe('sample_dataset');
    const added = graph().nodes.find((n) => n.id === id);
    expect(added?.params).toEqual({ dataset: 'iris' });
    // A copy: editing the node later must not write into the caller's object.
    expect(added?.params).not.toBe(params);
    expect(useDocument.getState().history.past).toHaveLength(pastBefore + 1);
    useDocument.getState().undo();
    expect(graph().nodes.some((n) => n.id === id)).toBe(false);
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
      default_compute: 'default',
      revision: 4,
    });
  });

  it('keeps the default compute as one undoable edit', () => {
    const store = useDocument.getState();
    store.edit((doc) => ({ ...doc, default_compute: 'big-box' }));
    expect(toUpdateBody(useDocument.getState().draft!).default_compute).toBe('big-box');
    useDocument.getState().undo();
    expect(useDocument.getState().draft!.default_compute).toBe('default');
  });
});

describe('undo and redo', () => {
  const store = () => useDocument.getState();
  const snapshot = () => JSON.stringify({ ...store().draft, revision: undefined });

  /**
   * Applies the edit, then checks undo restores the state before it and redo the one after;
   * ends undone, so every edit starts from the sample pipeline.
   */
  function undoable(edit: () => void) {
    const before = snapshot();
    edit();
    const after = snapshot();
    expect(after).not.toBe(before);
    store().undo();
    expect(snapshot()).toBe(before);
    store().redo();
    expect(snapshot()).toBe(after);
    store().undo();
  }

  it('undoes every kind of document edit', () => {
    undoable(() => store().addNode('split_data@1.0.0', { x: 5, y: 5 }));
    undoable(() => store().addNode('sample_dataset@1.0.0', { x: 5, y: 5 }, { dataset: 'wine' }));
    undoable(() => store().moveNodes(new Map([['load', { x: 90, y: 90 }]])));
    undoable(() => store().removeElements(['split'], []));
    undoable(() => store().removeEdges(['load.data->split.data']));
    undoable(() => store().connect({ source: 'load', source_port: 'data', target: 'train', target_port: 'data' }));
    undoable(() => store().setParam('split', 'fraction', 0.9));
    undoable(() => store().setNodeSettings('split', { comment: 'note' }));
    undoable(() => store().setNodeSettings('split', { compute: 'gpu', reuse: false }));
    undoable(() => store().toggleDisabled(['split', 'train']));
    undoable(() => store().rename('Churn v3'));
    undoable(() => store().paste(copyNodes(store().draft!, new Set(['load']))!));
    undoable(() => store().edit((doc) => ({ ...doc, parameters: { seed: { type: 'integer', default: 1 } } })));
    undoable(() => store().edit((doc) => pasteNodes(doc, copyNodes(doc, new Set(['split']))!).doc));
  });

  it('makes one entry of a whole drag, however many frames it has', () => {
    for (let x = 1; x <= 30; x += 1) store().moveNodes(new Map([['load', { x, y: x }]]), { dragging: true });
    store().moveNodes(new Map([['load', { x: 31, y: 31 }]]), { dragging: false });
    expect(store().history.past).toHaveLength(1);
    store().undo();
    expect(graph().nodes[0]?.position).toEqual({ x: 0, y: 0 });
    // The next drag is an entry of its own.
    store().redo();
    store().moveNodes(new Map([['load', { x: 50, y: 50 }]]), { dragging: true });
    store().moveNodes(new Map([['load', { x: 60, y: 60 }]]));
    expect(store().history.past).toHaveLength(2);
  });

  it('makes one entry of a burst of typing in one field', () => {
    vi.spyOn(Date, 'now').mockReturnValue(1000);
    store().setParam('split', 'seed', 1);
    store().setParam('split', 'seed', 12);
    store().setParam('split', 'seed', 123);
    store().setParam('split', 'fraction', 0.2);
    expect(store().history.past).toHaveLength(2);
    store().undo();
    store().undo();
    expect(graph().nodes[1]?.params).toEqual({});
  });

  it('counts undo as a change to save, and knows when there is nothing to undo or redo', () => {
    expect(selectCanUndo(store())).toBe(false);
    store().rename('x');
    store().markSaved(5, store().change);
    store().undo();
    expect(selectIsDirty(store())).toBe(true);
    expect(selectCanUndo(store())).toBe(false);
    expect(selectCanRedo(store())).toBe(true);
    store().undo();
    expect(store().draft?.name).toBe('Churn');
  });

  it('forgets the history of another pipeline on load', () => {
    store().rename('x');
    store().load(pipeline({ id: 4 }));
    expect(selectCanUndo(store())).toBe(false);
  });

  it('keeps bypass in the graph only when on', () => {
    store().toggleDisabled(['split']);
    expect(graph().nodes[1]?.disabled).toBe(true);
    store().toggleDisabled(['split']);
    expect('disabled' in graph().nodes[1]!).toBe(false);
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
