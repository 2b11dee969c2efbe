/**
 * The sample pipelines as cards (name, description, a small picture of the graph); opening one
 * makes it a pipeline of one's own and opens that on the canvas. Shown in the pipelines page's
 * empty state and in the "New from sample" dialog.
 */
import { memo, useEffect } from 'react';
import { useNavigate } from 'react-router';
import { useCloneSample, usePipelineSamples, type PipelineSample } from '../api/pipelineSamples';
import type { PipelineGraph } from '../api/models';
import { ErrorMessage } from '../shared/ErrorMessage';
import { NODE_HEIGHT, NODE_WIDTH, graphThumbnail } from './graphThumbnail';

const GraphPicture = memo(function GraphPicture({ graph }: { graph: PipelineGraph }) {
  const picture = graphThumbnail(graph);
  return (
    <svg className="sample-thumbnail" viewBox={picture.viewBox} preserveAspectRatio="xMidYMid meet" aria-hidden="true">
      {picture.lines.map((line) => (
        <line key={line.key} x1={line.x1} y1={line.y1} x2={line.x2} y2={line.y2} className="sample-thumbnail-edge" />
      ))}
      {picture.boxes.map((box) => (
        <rect key={box.id} x={box.x} y={box.y} width={NODE_WIDTH} height={NODE_HEIGHT} rx={10} className="sample-thumbnail-node" />
      ))}
    </svg>
  );
});

interface CardProps {
  sample: PipelineSample;
  opening: boolean;
  disabled: boolean;
  onOpen: (sample: PipelineSample) => void;
}

function SampleCard({ sample, opening, disabled, onOpen }: CardProps) {
  return (
    <article className="sample-card" data-testid={`sample-card-${sample.key}`} aria-labelledby={`sample-${sample.key}`}>
      <GraphPicture graph={sample.graph} />
      <h3 id={`sample-${sample.key}`}>{sample.name}</h3>
      <p className="sample-description">{sample.description}</p>
      <div className="sample-card-footer">
        <span className="muted">{sample.node_count} steps</span>
        <button type="button" className="primary" onClick={() => onOpen(sample)} disabled={disabled} aria-label={`Open ${sample.name}`}>
          {opening ? 'Opening…' : 'Open'}
        </button>
      </div>
    </article>
  );
}

export function SampleGallery() {
  const samples = usePipelineSamples();
  const clone = useCloneSample();
  const navigate = useNavigate();
  const open = (sample: PipelineSample) =>
    clone.mutate({ key: sample.key }, { onSuccess: (pipeline) => navigate(`/pipelines/${encodeURIComponent(String(pipeline.id))}`) });

  if (samples.isPending) return <p className="muted">Loading samples…</p>;
  if (samples.isError) return <ErrorMessage error={samples.error} onRetry={() => void samples.refetch()} />;
  if (samples.data.length === 0) return <p className="muted">This server has no sample pipelines.</p>;
  return (
    <div className="sample-gallery-body">
      {clone.isError && <ErrorMessage error={clone.error} />}
      <div className="sample-gallery" data-testid="sample-gallery">
        {samples.data.map((sample) => (
          <SampleCard
            key={sample.key}
            sample={sample}
            opening={clone.isPending && clone.variables.key === sample.key}
            disabled={clone.isPending}
            onOpen={open}
          />
        ))}
      </div>
    </div>
  );
}

export function SampleGalleryDialog({ onClose }: { onClose: () => void }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div className="pw-dialog-backdrop" onClick={onClose}>
      <div
        className="pw-dialog sample-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="sample-dialog-title"
        onClick={(event) => event.stopPropagation()}
      >
        <div className="pw-dialog-header">
          <h2 id="sample-dialog-title">New from a sample</h2>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
        <p className="muted">Each sample opens as a pipeline of your own, ready to submit or change.</p>
        <SampleGallery />
      </div>
    </div>
  );
}
