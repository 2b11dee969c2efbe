/**
 * The pipeline document being edited: name, description, graph and parameters, the revision it
 * started from, a change counter that tells whether it differs from what was last saved, and the
 * undo/redo history of document snapshots.
 *
 * Holds no React Flow state and makes no API calls: loading a server copy and recording a save
 * are plain actions called by whoever talked to the server. Every edit goes through `edit`, so
 * every edit is undoable and counted; the edits themselves are the pure functions of
 * `graphEdits.ts`, `pipelineParams.ts` and `clipboard.ts`.
 */
import { create } from 'zustand';
import type { EntityId, GraphEdge, JsonValue, Pipeline, PipelineGraph, PipelineParameters, PipelineUpdate } from '../../api/models';
import { pasteNodes, type ClipboardData } from './clipboard';
import * as edits from './graphEdits';
import { closeGroup, emptyHistory, record, redo, undo, type History } from './history';

/** What is saved and what undo restores. */
export interface PipelineDocument {
  name: string;
  description: string;
  graph: PipelineGraph;
  parameters: PipelineParameters;
  /** The compute target of the nodes that name none (absent in drafts kept before it was). */
  default_compute?: string;
}

export interface PipelineDraft extends PipelineDocument {
  id: EntityId;
  revision: number;
}

export interface EditOptions {
  /** Edits sharing a group (one drag, one burst of typing in a field) are undone together. */
  group?: string;
  /** How long the group stays open after its last edit (ms); Infinity until `endGesture`. */
  window?: number;
}

export type DocumentEdit = (doc: PipelineDocument) => PipelineDocument;

interface DocumentState {
  draft: PipelineDraft | null;
  /** Bumped by every edit (undo and redo included); equal to savedChange when nothing is unsaved. */
  change: number;
  savedChange: number;
  history: History<PipelineDocument>;
  load: (pipeline: Pipeline) => void;
  /** Applies an edit; returns false (and records nothing) when it changed nothing. */
  edit: (update: DocumentEdit, options?: EditOptions) => boolean;
  endGesture: () => void;
  undo: () => void;
  redo: () => void;
  rename: (name: string) => void;
  /** One undoable edit, parameters included; returns the new node's id. */
  addNode: (component: string, position: edits.XY, params?: Readonly<Record<string, JsonValue>>) => string | null;
  moveNodes: (moves: ReadonlyMap<string, edits.XY>, options?: { dragging?: boolean }) => void;
  removeNodes: (ids: Iterable<string>) => void;
  removeEdges: (ids: Iterable<string>) => void;
  removeElements: (nodeIds: Iterable<string>, edgeIds: Iterable<string>) => void;
  connect: (edge: GraphEdge) => void;
  setParam: (nodeId: string, name: string, value: JsonValue | undefined) => void;
  setNodeSettings: (nodeId: string, settings: edits.NodeSettings) => void;
  toggleDisabled: (ids: Iterable<string>) => void;
  paste: (data: ClipboardData) => string[];
  markSaved: (revision: number, atChange: number) => void;
}

export function documentOf(draft: PipelineDraft): PipelineDocument {
  const doc: PipelineDocument = { name: draft.name, description: draft.description, graph: draft.graph, parameters: draft.parameters };
  if (draft.default_compute !== undefined) doc.default_compute = draft.default_compute;
  return doc;
}

const DRAG_GROUP = 'drag';

/** A stable empty value for selectors (a new {} per call would re-render forever). */
export const NO_PARAMETERS: PipelineParameters = Object.freeze({}) as PipelineParameters;

export const useDocument = create<DocumentState>()((set, get) => {
  const withGraph = (update: (graph: PipelineGraph) => PipelineGraph): DocumentEdit => (doc) => {
    const graph = update(doc.graph);
    return graph === doc.graph ? doc : { ...doc, graph };
  };

  /** Moves to an undo/redo snapshot; counts as an edit so it gets saved. */
  const travel = (step: typeof undo) => {
    const { draft, history, change } = get();
    if (!draft) return;
    const result = step(history, documentOf(draft));
    if (!result) return;
    set({ draft: { ...draft, ...result.value }, history: result.history, change: change + 1 });
  };

  return {
    draft: null,
    change: 0,
    savedChange: 0,
    history: emptyHistory(),

    load: (pipeline) =>
      set({
        draft: {
          id: pipeline.id,
          name: pipeline.name,
          description: pipeline.description ?? '',
          graph: edits.normalizeGraph(pipeline.graph),
          parameters: pipeline.parameters ?? {},
          default_compute: pipeline.default_compute,
          revision: pipeline.revision,
        },
        change: 0,
        savedChange: 0,
        history: emptyHistory(),
      }),

    edit: (update, options = {}) => {
      const { draft, change, history } = get();
      if (!draft) return false;
      const before = documentOf(draft);
      const after = update(before);
      if (after === before) return false;
      set({
        draft: { ...draft, ...after },
        change: change + 1,
        history: record(history, before, { group: options.group, window: options.window, now: Date.now() }),
      });
      return true;
    },

    endGesture: () => {
      const { history } = get();
      const closed = closeGroup(history);
      if (closed !== history) set({ history: closed });
    },

    undo: () => travel(undo),
    redo: () => travel(redo),

    rename: (name) => {
      get().edit((doc) => (doc.name === name ? doc : { ...doc, name }), { group: 'rename' });
    },

    addNode: (component, position, params) => {
      let added: string | null = null;
      get().edit(
        withGraph((graph) => {
          const result = edits.addNode(graph, component, position, params);
          added = result.id;
          return result.graph;
        }),
      );
      return added;
    },

    moveNodes: (moves, { dragging = false } = {}) => {
      const rounded = new Map([...moves].map(([id, p]) => [id, { x: Math.round(p.x), y: Math.round(p.y) }]));
      const state = get();
      const inDrag = state.history.group === DRAG_GROUP;
      // Every frame of a drag belongs to one undo entry; a move outside a drag is its own entry.
      state.edit(
        withGraph((graph) => edits.moveNodes(graph, rounded)),
        dragging || inDrag ? { group: DRAG_GROUP, window: Infinity } : {},
      );
      if (!dragging) get().endGesture();
    },

    removeNodes: (ids) => {
      get().edit(withGraph((graph) => edits.removeNodes(graph, new Set(ids))));
    },
    removeEdges: (ids) => {
      get().edit(withGraph((graph) => edits.removeEdges(graph, new Set(ids))));
    },
    removeElements: (nodeIds, edgeIds) => {
      get().edit(withGraph((graph) => edits.removeElements(graph, new Set(nodeIds), new Set(edgeIds))));
    },
    connect: (edge) => {
      get().edit(withGraph((graph) => edits.connect(graph, edge)));
    },
    setParam: (nodeId, name, value) => {
      get().edit(withGraph((graph) => edits.setParam(graph, nodeId, name, value)), { group: `param:${nodeId}:${name}` });
    },
    setNodeSettings: (nodeId, settings) => {
      const typing = Object.keys(settings).length === 1 && 'comment' in settings;
      get().edit(
        withGraph((graph) => edits.setNodeSettings(graph, nodeId, settings)),
        typing ? { group: `comment:${nodeId}` } : {},
      );
    },
    toggleDisabled: (ids) => {
      get().edit(withGraph((graph) => edits.toggleDisabled(graph, new Set(ids))));
    },
    paste: (data) => {
      let ids: string[] = [];
      get().edit((doc) => {
        const result = pasteNodes(doc, data);
        ids = result.ids;
        return result.doc;
      });
      return ids;
    },

    markSaved: (revision, atChange) => {
      const { draft } = get();
      if (!draft) return;
      set({ draft: { ...draft, revision }, savedChange: atChange });
    },
  };
});

export const selectIsDirty = (state: DocumentState): boolean => state.change !== state.savedChange;
export const selectCanUndo = (state: DocumentState): boolean => state.history.past.length > 0;
export const selectCanRedo = (state: DocumentState): boolean => state.history.future.length > 0;

/** The body of PUT /api/pipelines/{id}/ for the current draft. */
export function toUpdateBody(draft: PipelineDraft): PipelineUpdate {
  return {
    name: draft.name,
    description: draft.description,
    graph: draft.graph,
    parameters: draft.parameters,
    ...(draft.default_compute !== undefined ? { default_compute: draft.default_compute } : {}),
    revision: draft.revision,
  };
}
