/**
 * What the "Create inference pipeline" dialog needs to say about a derivation: which nodes of
 * the derived graph are new, stand-ins or kept, which training nodes went, the scoring nodes a
 * person may choose between, the name the server would give. Pure.
 */
import { parseComponentRef } from '../../api/components';
import type { InferenceDiff, InferenceKind, PipelineGraph } from '../../api/models';

/** Components whose node is the scoring node when there is one of them (the server's list). */
export const SCORING_COMPONENTS: readonly string[] = ['score_model', 'assign_data_to_clusters'];

export type NodeMark = 'added' | 'replaced' | 'kept';

/** A type, not an interface: React Flow node data must be an indexable record. */
export type MarkedNode = {
  mark: NodeMark;
  /** The training nodes this one stands in for (only for `replaced`). */
  replaces: string[];
};

/**
 * The mark of every node of the derived graph: a stand-in (listed under `replaced.by`) is
 * "replaced", another new node "added", any other "kept".
 */
export function markNodes(graph: PipelineGraph, diff: InferenceDiff): Record<string, MarkedNode> {
  const added = new Set(diff.added);
  const marks: Record<string, MarkedNode> = {};
  for (const node of graph.nodes) {
    const replaces = diff.replaced.filter((entry) => entry.by === node.id).map((entry) => entry.node);
    const mark: NodeMark = replaces.length > 0 ? 'replaced' : added.has(node.id) ? 'added' : 'kept';
    marks[node.id] = { mark, replaces };
  }
  return marks;
}

/** How many nodes of each mark, for the legend. */
export function countMarks(marks: Readonly<Record<string, MarkedNode>>): Record<NodeMark, number> {
  const counts: Record<NodeMark, number> = { added: 0, replaced: 0, kept: 0 };
  for (const { mark } of Object.values(marks)) counts[mark] += 1;
  return counts;
}

/** The nodes of the training graph that score (Score Model, Assign Data to Clusters). */
export function scoringCandidates(graph: PipelineGraph): string[] {
  return graph.nodes.filter((node) => SCORING_COMPONENTS.includes(parseComponentRef(node.component).name)).map((node) => node.id);
}

const KIND_WORDS: Record<InferenceKind, string> = { realtime: 'real-time inference', batch: 'batch inference' };

/** The name the server gives when none is sent: "<training pipeline> (real-time inference)". */
export function defaultInferenceName(pipelineName: string, kind: InferenceKind): string {
  return `${pipelineName} (${KIND_WORDS[kind]})`;
}

/**
 * A real-time endpoint name made from a pipeline's name: lower case, runs of other characters
 * as one "-", at most 64 characters ("Diabetes (real-time inference)" → "diabetes").
 */
export function endpointNameFrom(pipelineName: string): string {
  const base = pipelineName.replace(/\((real-time|batch) inference\)\s*$/i, '');
  const slug = base
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 64)
    .replace(/[-_]+$/, '');
  return slug || 'inference';
}
