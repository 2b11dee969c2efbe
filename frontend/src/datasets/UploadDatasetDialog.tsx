/**
 * "Upload dataset": a file (picked or dropped), its name, description and tags, then the upload
 * with a progress bar and a Cancel. The file is checked here first (format, size limit); a
 * refusal by the server is said next to the field it concerns. A new version opens its page;
 * the same content as the newest version says so and stays.
 */
import { useCallback, useEffect, useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../api/http';
import { useUploadDataset, type UploadedDataset } from '../api/datasets';
import { uploadPercent, type UploadProgress } from '../api/upload';
import { serverFieldErrors } from '../shared/fieldErrors';
import { formatBytes } from '../shared/format';
import { FormField } from '../shared/FormField';
import { datasetPagePath } from '../shared/catalogPaths';
import { nameProblem } from '../shared/names';
import { parseTags } from '../shared/tags';
import { DATASET_ACCEPT, suggestDatasetName, uploadProblem } from './uploadRules';

function ProgressLine({ progress }: { progress: UploadProgress | null }) {
  const percent = uploadPercent(progress);
  const sent = progress && progress.total > 0 && progress.loaded >= progress.total;
  return (
    <div className="upload-progress" data-testid="upload-progress">
      <div className="pw-progress" role="progressbar" aria-label="Upload" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div className="pw-progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="muted" aria-live="polite">
        {sent
          ? 'Uploaded. Reading the table and computing its profile…'
          : `Uploading… ${percent}%${progress?.total ? ` (${formatBytes(progress.loaded)} of ${formatBytes(progress.total)})` : ''}`}
      </span>
    </div>
  );
}

/** Why the upload failed, in words; a 413 always names the size problem. */
function failureText(error: unknown): string | null {
  if (!error || (error instanceof DOMException && error.name === 'AbortError')) return null;
  if (isApiError(error) && error.status === 413) return `Too large: ${error.message}`;
  return error instanceof Error ? error.message : 'The upload failed.';
}

interface UploadDatasetDialogProps {
  onClose: () => void;
  /** Upload a new version of this dataset: the name is fixed. */
  name?: string;
}

export function UploadDatasetDialog({ onClose, name: fixedName }: UploadDatasetDialogProps) {
  const titleId = useId();
  const navigate = useNavigate();
  const upload = useUploadDataset();
  const abort = useRef<AbortController | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState(fixedName ?? '');
  const [nameTouched, setNameTouched] = useState(fixedName !== undefined);
  const [description, setDescription] = useState('');
  const [tags, setTags] = useState('');
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [unchanged, setUnchanged] = useState<UploadedDataset | null>(null);
  const problem = file ? uploadProblem(file) : null;
  const [nameError, setNameError] = useState<string | null>(null);
  const fieldErrors = serverFieldErrors(upload.error);
  const failure = fieldErrors.name || fieldErrors.file ? null : failureText(upload.error);

  // Closing while the file is on its way stops sending it.
  const close = useCallback(() => {
    abort.current?.abort();
    onClose();
  }, [onClose]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && close();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close]);

  const choose = (picked: File | null) => {
    setFile(picked);
    setUnchanged(null);
    upload.reset();
    if (picked && !nameTouched) setName(suggestDatasetName(picked.name));
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    choose(event.dataTransfer.files[0] ?? null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file || problem) return;
    const badName = nameProblem(name.trim(), 'dataset');
    setNameError(badName);
    if (badName) return;
    const controller = new AbortController();
    abort.current = controller;
    setProgress({ loaded: 0, total: file.size });
    setUnchanged(null);
    upload.mutate(
      { upload: { file, name: name.trim(), description: description.trim(), tags: parseTags(tags) }, onProgress: setProgress, signal: controller.signal },
      {
        onSuccess: (uploaded) => {
          if (uploaded.created) navigate(datasetPagePath(uploaded.version.name, uploaded.version.version));
          else setUnchanged(uploaded);
        },
      },
    );
  };

  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="upload-dataset-dialog">
        <h2 id={titleId}>{fixedName ? `Upload a new version of ${fixedName}` : 'Upload dataset'}</h2>
        <form onSubmit={submit} noValidate>
          <FormField label="File" error={problem ?? fieldErrors.file} hint="CSV, TSV, Parquet, JSON or JSON Lines.">
            {(control) => (
              <div className="drop-zone" onDragOver={(event) => event.preventDefault()} onDrop={onDrop}>
                <input {...control} type="file" name="file" accept={DATASET_ACCEPT} disabled={upload.isPending} onChange={(event) => choose(event.target.files?.[0] ?? null)} />
                {file && <span className="muted">{formatBytes(file.size)}</span>}
              </div>
            )}
          </FormField>
          {!fixedName && (
            <FormField label="Name" error={nameError ?? fieldErrors.name} hint="Lower-case letters, digits, - and _. A name already taken gets a new version.">
              {(control) => (
                <input
                  {...control}
                  value={name}
                  maxLength={100}
                  disabled={upload.isPending}
                  onChange={(event) => {
                    setName(event.target.value);
                    setNameTouched(true);
                    setNameError(null);
                  }}
                />
              )}
            </FormField>
          )}
          <FormField label="Description" error={fieldErrors.description}>
            {(control) => <textarea {...control} rows={2} value={description} disabled={upload.isPending} onChange={(event) => setDescription(event.target.value)} />}
          </FormField>
          <FormField label="Tags" error={fieldErrors.tags} hint="Separated by commas.">
            {(control) => <input {...control} value={tags} disabled={upload.isPending} onChange={(event) => setTags(event.target.value)} />}
          </FormField>
          {upload.isPending && <ProgressLine progress={progress} />}
          {failure && (
            <p className="form-error" role="alert" data-testid="upload-error">
              {failure}
            </p>
          )}
          {unchanged && (
            <p className="notice-box" role="status">
              {unchanged.version.name} v{unchanged.version.version} already holds exactly this content: no new version was made.{' '}
              <Link to={datasetPagePath(unchanged.version.name, unchanged.version.version)}>Open it</Link>
            </p>
          )}
          <div className="modal-actions">
            <button type="button" onClick={close}>
              {upload.isPending ? 'Cancel upload' : 'Close'}
            </button>
            <button type="submit" className="primary" disabled={!file || problem !== null || upload.isPending}>
              {upload.isPending ? 'Uploading…' : 'Upload'}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
