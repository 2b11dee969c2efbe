/**
 * "View last outputs": the newest run of a pipeline whose graph has the node, so its node panel
 * can open. Looks at the few newest runs only (a node added since has no outputs yet).
 */
import { http, unwrapList, withQuery, type ListBody } from '../../api/http';
import type { EntityId, RunSummary } from '../../api/models';
import { fetchRun } from '../../api/runs';

const RUNS_LOOKED_AT = 5;

export async function latestRunWithNode(pipelineId: EntityId, nodeId: string): Promise<EntityId | null> {
  const runs = unwrapList(await http.get<ListBody<RunSummary>>(withQuery('/api/runs/', { pipeline: pipelineId })));
  const newest = [...runs].sort((a, b) => b.created_at.localeCompare(a.created_at)).slice(0, RUNS_LOOKED_AT);
  for (const summary of newest) {
    const run = await fetchRun(summary.id);
    if (run.graph.nodes.some((node) => node.id === nodeId)) return run.id;
  }
  return null;
}
