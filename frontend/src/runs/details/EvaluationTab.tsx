/** The Evaluation tab of an Evaluate Model node: its charts, drawn from its `charts` output. */
import { useJsonArtifact } from '../../api/artifacts';
import type { EntityId, NodeRun } from '../../api/models';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { EvaluationCharts } from '../charts/lazy';
import { readEvaluationCharts } from '../charts/evaluation';

/** The artifact holding a node's chart data: Evaluate Model's `charts` output, once written. */
export function evaluationArtifact(node: NodeRun | undefined): EntityId | null {
  if (!node || !node.component.startsWith('evaluate_model')) return null;
  return node.outputs.charts ?? null;
}

export function EvaluationTab({ artifactId }: { artifactId: EntityId }) {
  const content = useJsonArtifact(artifactId);
  if (content.isPending) return <p className="muted">Loading charts…</p>;
  if (content.isError) return <ErrorMessage error={content.error} onRetry={() => void content.refetch()} />;
  const charts = readEvaluationCharts(content.data);
  if (!charts) return <p className="muted">This output holds no chart data.</p>;
  return <EvaluationCharts charts={charts} />;
}
