/** A run's version against a draft that moved on, for the pick-up tests. */
import type { DraftDiff } from '../api/runPickUp';
import { node, sampleGraph } from './fixtures';

/** The run had load -> split -> train; the draft dropped train, added score, changed split. */
export function sampleDiff(): DraftDiff {
  const run = sampleGraph();
  const split = { ...run.nodes[1]!, params: { fraction: 0.8 } };
  const score = node('score', 'score_model@1.0.0', 300, 150);
  const toScore = { source: 'split', source_port: 'second', target: 'score', target_port: 'data' };
  return {
    run: 12,
    pipeline: 3,
    pipeline_name: 'Churn',
    version: 1,
    revision: 7,
    graph: { nodes: [run.nodes[0]!, split, score], edges: [run.edges[0]!, toScore] },
    same: false,
    added: ['score'],
    removed: ['train'],
    changed: [
      {
        node: 'split',
        component: null,
        params: [{ name: 'fraction', before: null, now: 0.8 }],
        settings: [{ name: 'reuse', before: true, now: false }],
      },
    ],
    edges_added: [toScore],
    edges_removed: [run.edges[1]!],
    parameters: [{ name: 'seed', before: { type: 'integer', default: 0 }, now: null }],
  };
}
