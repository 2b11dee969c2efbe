/**
 * Home page: the pipelines (with "New pipeline") and the most recent runs.
 */
import { useNavigate } from 'react-router';
import { useCreatePipeline, usePipelines } from '../api/pipelines';
import type { PipelineCreate } from '../api/types';
import { ErrorMessage } from '../shared/ErrorMessage';
import { PipelineTable } from './PipelineTable';
import { RecentRuns } from './RecentRuns';

export const NEW_PIPELINE: PipelineCreate = {
  name: 'Untitled pipeline',
  graph: { nodes: [], edges: [] },
  parameters: {},
};

export function PipelinesPage() {
  const pipelines = usePipelines();
  const create = useCreatePipeline();
  const navigate = useNavigate();

  const createPipeline = () => {
    create.mutate(NEW_PIPELINE, {
      onSuccess: (pipeline) => navigate(`/pipelines/${encodeURIComponent(String(pipeline.id))}`),
    });
  };

  return (
    <div className="page">
      <div className="page-header">
        <h1>Pipelines</h1>
        <button type="button" className="primary" onClick={createPipeline} disabled={create.isPending}>
          New pipeline
        </button>
      </div>
      {create.isError && <ErrorMessage error={create.error} />}
      {pipelines.isPending && <p className="muted">Loading pipelines…</p>}
      {pipelines.isError && <ErrorMessage error={pipelines.error} onRetry={() => void pipelines.refetch()} />}
      {pipelines.data &&
        (pipelines.data.length === 0 ? (
          <div className="empty-state" data-testid="pipelines-empty">
            <p>No pipelines yet.</p>
            <p className="muted">Create one with “New pipeline”, then drag components onto the canvas.</p>
          </div>
        ) : (
          <PipelineTable pipelines={pipelines.data} />
        ))}
      <RecentRuns />
    </div>
  );
}
