/**
 * The run view's way to pick up from a run: "Open as new pipeline" (the version it ran, its
 * parameter values as defaults; opens the new pipeline on the canvas) and "Compare with draft".
 */
import { Link, useNavigate } from 'react-router';
import type { Run } from '../../api/models';
import { useOpenAsPipeline } from '../../api/runPickUp';

export function PickUpButtons({ run }: { run: Run }) {
  const open = useOpenAsPipeline(run.id);
  const navigate = useNavigate();
  const openAsPipeline = () =>
    open.mutate(undefined, { onSuccess: (pipeline) => navigate(`/pipelines/${encodeURIComponent(String(pipeline.id))}`) });
  return (
    <>
      <button
        type="button"
        onClick={openAsPipeline}
        disabled={open.isPending}
        title="A new pipeline of the graph this run ran, its parameter values as defaults"
      >
        {open.isPending ? 'Opening…' : 'Open as new pipeline'}
      </button>
      <Link
        to={`/runs/${encodeURIComponent(String(run.id))}/compare-draft`}
        className="button-link"
        title="What the pipeline's draft has changed since this run"
      >
        Compare with draft
      </Link>
      {open.isError && (
        <span className="form-error" role="alert">
          {open.error.message}
        </span>
      )}
    </>
  );
}
