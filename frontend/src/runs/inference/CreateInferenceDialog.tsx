/**
 * "Create inference pipeline" from a completed run: the kind (real-time or batch), the new
 * pipeline's name, the scoring node when there is a choice. Shows what would be derived first
 * (the server saves nothing for that), then "Save" creates the pipeline and offers to open it in
 * the designer and, for a real-time one, to deploy it.
 */
import './inferenceDialog.css';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../api/http';
import { useDerivationPreview, useDeriveInferencePipeline } from '../../api/inference';
import type { DerivedPipeline, InferenceKind, Run } from '../../api/models';
import { FormField } from '../../shared/FormField';
import { defaultInferenceName, scoringCandidates } from './derivation';
import { DeploySaved } from './DeploySaved';
import { InferenceDiffView } from './InferenceDiffView';

const NAME_LIMIT = 200;

interface CreateInferenceDialogProps {
  run: Run;
  onClose: () => void;
}

function KindChoice({ kind, onChange }: { kind: InferenceKind; onChange: (kind: InferenceKind) => void }) {
  return (
    <fieldset className="kind-choice">
      <legend>Kind</legend>
      <label className="checkbox-line">
        <input type="radio" name="inference-kind" checked={kind === 'realtime'} onChange={() => onChange('realtime')} /> Real-time{' '}
        <span className="muted">— rows sent over HTTP, answered at once</span>
      </label>
      <label className="checkbox-line">
        <input type="radio" name="inference-kind" checked={kind === 'batch'} onChange={() => onChange('batch')} /> Batch{' '}
        <span className="muted">— scores a registered dataset, keeps the predictions as a dataset</span>
      </label>
    </fieldset>
  );
}

/** The scoring node: a choice when the run has several; any node once the server could not pick one. */
function ScoringNodeField({ options, value, onChange }: { options: readonly string[]; value: string; onChange: (node: string) => void }) {
  return (
    <FormField label="Scoring node" hint="The node whose output is the prediction.">
      {(control) => (
        <select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
          {value === '' && <option value="">Choose the scoring node</option>}
          {options.map((node) => (
            <option key={node} value={node}>
              {node}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}

function Saved({ saved, onClose }: { saved: DerivedPipeline; onClose: () => void }) {
  const pipeline = saved.pipeline;
  return (
    <div role="status" data-testid="inference-saved">
      <p>
        Saved <strong>{pipeline?.name}</strong> as a new pipeline. The training pipeline and its run are unchanged.
      </p>
      {saved.kind === 'realtime' && <DeploySaved saved={saved} />}
      <div className="pw-dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
        {pipeline && (
          <Link className="button-link" to={`/pipelines/${pipeline.id}`}>
            Open in designer
          </Link>
        )}
      </div>
    </div>
  );
}

export function CreateInferenceDialog({ run, onClose }: CreateInferenceDialogProps) {
  const titleId = useId();
  const training = run.graph ?? { nodes: [], edges: [] };
  const candidates = scoringCandidates(training);
  const [kind, setKind] = useState<InferenceKind>('realtime');
  const [name, setName] = useState<string | null>(null);
  const [node, setNode] = useState<string | null>(candidates.length > 1 ? (candidates[0] ?? null) : null);
  const [nameError, setNameError] = useState<string | null>(null);
  const preview = useDerivationPreview(run.id, kind, node);
  const save = useDeriveInferencePipeline(run.id);
  const shownName = name ?? defaultInferenceName(run.pipeline_name, kind);
  // When the server could not pick the scoring node, let the person pick any node.
  const unpicked = node === null && isApiError(preview.error) && preview.error.code === 'cannot_derive';
  const nodeOptions = candidates.length > 1 ? candidates : unpicked || node !== null ? training.nodes.map((item) => item.id) : [];

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = shownName.trim();
    const problem = trimmed === '' ? 'Give the pipeline a name.' : trimmed.length > NAME_LIMIT ? `At most ${NAME_LIMIT} characters.` : null;
    setNameError(problem);
    if (problem || !preview.data) return;
    save.mutate({ kind, name: trimmed, ...(node ? { node } : {}) });
  };

  return (
    <div className="pw-dialog-backdrop" onClick={onClose}>
      <div
        className="pw-dialog inference-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onClick={(event) => event.stopPropagation()}
        data-testid="inference-dialog"
      >
        <h2 id={titleId}>Create inference pipeline</h2>
        {save.data ? (
          <Saved saved={save.data} onClose={onClose} />
        ) : (
          <form onSubmit={submit} noValidate aria-label="Create inference pipeline">
            <p className="muted">
              A new pipeline that predicts with what run #{String(run.id)} trained: no split, no training, no evaluation.
            </p>
            <div className="inference-form-row">
              <KindChoice kind={kind} onChange={setKind} />
              <FormField label="Name" error={nameError ?? undefined}>
                {(control) => (
                  <input
                    {...control}
                    value={shownName}
                    maxLength={NAME_LIMIT}
                    onChange={(event) => {
                      setName(event.target.value);
                      setNameError(null);
                    }}
                  />
                )}
              </FormField>
              {nodeOptions.length > 0 && (
                <ScoringNodeField options={nodeOptions} value={node ?? ''} onChange={(picked) => setNode(picked || null)} />
              )}
            </div>
            {preview.isPending && <p className="page-loading">Deriving the inference pipeline…</p>}
            {preview.isError && (
              <p className="form-error" role="alert" data-testid="inference-preview-error">
                {preview.error.message}
              </p>
            )}
            {preview.data && <InferenceDiffView derived={preview.data} training={training} />}
            {save.isError && (
              <p className="form-error" role="alert">
                {save.error.message}
              </p>
            )}
            <div className="pw-dialog-actions">
              <button type="button" onClick={onClose}>
                Cancel
              </button>
              <button type="submit" className="primary" disabled={!preview.data || save.isPending}>
                {save.isPending ? 'Saving…' : 'Save'}
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
