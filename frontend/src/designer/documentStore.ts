/**
 * The pipeline document being edited: name, description, graph, parameters and the revision it
 * started from, plus a change counter that tells whether it differs from what was last saved.
 *
 * Holds no React Flow state and makes no API calls: loading a server copy and recording a save
 * are plain actions called by whoever talked to the server.
 */
import { create } from 'zustand';
import type {
  EntityId,
  GraphEdge,
  JsonValue,
  Pipeline,
  PipelineGraph,
  PipelineParameters,
  PipelineUpdate,
} from '../api/types';
import * as edits from './graphEdits';

export interface PipelineDraft {
  id: EntityId;
  name: string;
  description: string;
  graph: PipelineGraph;
  parameters: PipelineParameters;
  revision: number;
}

interface DocumentState {
  draft: PipelineDraft | null;
  /** Bumped by every edit; equal to savedChange when nothing is unsaved. */
  change: number;
  savedChange: number;
  load: (pipeline: Pipeline) => void;
  rename: (name: string) => void;
  addNode: (component: string, position: edits.XY) => string | null;
  moveNodes: (moves: ReadonlyMap<string, edits.XY>) => void;
  removeNodes: (ids: Iterable<string>) => void;
  removeEdges: (ids: Iterable<string>) => void;
  connect: (edge: GraphEdge) => void;
  setParam: (nodeId: string, name: string, value: JsonValue | undefined) => void;
  setNodeSettings: (nodeId: string, settings: edits.NodeSettings) => void;
  markSaved: (revision: number, atChange: number) => void;
}

export const useDocument = create<DocumentState>()((set, get) => {
  /** Applies a pure graph edit; an edit that changed nothing does not make the document dirty. */
  const editGraph = (edit: (graph: PipelineGraph) => PipelineGraph) => {
    const { draft, change } = get();
    if (!draft) return;
    const graph = edit(draft.graph);
    if (graph === draft.graph) return;
    set({ draft: { ...draft, graph }, change: change + 1 });
  };

  return {
    draft: null,
    change: 0,
    savedChange: 0,

    load: (pipeline) =>
      set({
        draft: {
          id: pipeline.id,
          name: pipeline.name,
          description: pipeline.description ?? '',
          graph: edits.normalizeGraph(pipeline.graph),
          parameters: pipeline.parameters ?? {},
          revision: pipeline.revision,
        },
        change: 0,
        savedChange: 0,
      }),

    rename: (name) => {
      const { draft, change } = get();
      if (!draft || draft.name === name) return;
      set({ draft: { ...draft, name }, change: change + 1 });
    },

    addNode: (component, position) => {
      let added: string | null = null;
      editGraph((graph) => {
        const result = edits.addNode(graph, component, position);
        added = result.id;
        return result.graph;
      });
      return added;
    },

    moveNodes: (moves) => editGraph((graph) => edits.moveNodes(graph, moves)),
    removeNodes: (ids) => editGraph((graph) => edits.removeNodes(graph, new Set(ids))),
    removeEdges: (ids) => editGraph((graph) => edits.removeEdges(graph, new Set(ids))),
    connect: (edge) => editGraph((graph) => edits.connect(graph, edge)),
    setParam: (nodeId, name, value) => editGraph((graph) => edits.setParam(graph, nodeId, name, value)),
    setNodeSettings: (nodeId, settings) => editGraph((graph) => edits.setNodeSettings(graph, nodeId, settings)),

    markSaved: (revision, atChange) => {
      const { draft } = get();
      if (!draft) return;
      set({ draft: { ...draft, revision }, savedChange: atChange });
    },
  };
});

export const selectIsDirty = (state: DocumentState): boolean => state.change !== state.savedChange;

/** The body of PUT /api/pipelines/{id}/ for the current draft. */
export function toUpdateBody(draft: PipelineDraft): PipelineUpdate {
  return {
    name: draft.name,
    description: draft.description,
    graph: draft.graph,
    parameters: draft.parameters,
    revision: draft.revision,
  };
}
