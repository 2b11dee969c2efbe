/**
 * Import from Azure ML or Kubeflow: drop YAML files (or zips of them) on the zone, or choose them,
 * and they are sent together at once. What was created, or why nothing was, shows below it.
 */
import { useId, useRef, useState, type DragEvent } from 'react';
import { useImportFiles } from '../api/imports';
import { ImportCreated, ImportRefused } from './ImportOutcome';
import { IMPORT_ACCEPT, importFailure, selectImportable } from './importResults';

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer.types).includes('Files');
}

export function ImportDropZone() {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [skipped, setSkipped] = useState<string[]>([]);
  const importFiles = useImportFiles();

  const send = (files: File[]) => {
    const { importable, skipped: left } = selectImportable(files);
    setSkipped(left);
    if (importable.length === 0) {
      importFiles.reset();
      return;
    }
    importFiles.mutate(importable);
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    send(Array.from(event.dataTransfer.files));
  };
  const onDragOver = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const dismiss = () => {
    importFiles.reset();
    setSkipped([]);
  };

  return (
    <div className="import-area">
      <div
        className={`import-drop-zone${over ? ' over' : ''}${importFiles.isPending ? ' busy' : ''}`}
        data-testid="import-drop-zone"
        onDragOver={onDragOver}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        {importFiles.isPending ? (
          <span>Importing…</span>
        ) : (
          <span>
            <strong>{over ? 'Drop to import' : 'Import from Azure ML or Kubeflow:'}</strong>{' '}
            {!over && 'drop component, pipeline or schedule YAML files (or a zip of them) here, or '}
            {!over && (
              <button type="button" className="link-button" onClick={() => input.current?.click()}>
                choose files
              </button>
            )}
          </span>
        )}
        <input
          id={inputId}
          ref={input}
          type="file"
          multiple
          accept={IMPORT_ACCEPT}
          className="visually-hidden"
          aria-label="Files to import"
          data-testid="import-files"
          onChange={(event) => {
            send(Array.from(event.target.files ?? []));
            event.target.value = '';
          }}
        />
      </div>
      {skipped.length > 0 && (
        <p className="import-skipped" role="status">
          Not sent (only .yaml, .yml and .zip files are imported): {skipped.join(', ')}
        </p>
      )}
      {importFiles.data && <ImportCreated result={importFiles.data} onDismiss={dismiss} />}
      {importFiles.isError && <ImportRefused failure={importFailure(importFiles.error)} onDismiss={dismiss} />}
    </div>
  );
}
