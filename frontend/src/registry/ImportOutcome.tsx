/**
 * What an import did: links to the components, pipelines and schedules it created and the notes
 * on what was approximated; or, when refused, every problem under the file and field it names.
 */
import { Link } from 'react-router';
import type { ImportedPipeline, ImportResult } from '../api/imports';
import { componentPagePath } from './ComponentCard';
import { fileLabel, groupByFile, importSummary, type FileMessages, type ImportFailure } from './importResults';

function FileMessageList({ files, testId }: { files: FileMessages[]; testId: string }) {
  return (
    <ul className="import-files">
      {files.map((group) => (
        <li key={group.file} data-testid={testId} data-file={group.file}>
          <strong>{fileLabel(group.file)}</strong>
          <ul>
            {group.items.map((item, index) => (
              <li key={index}>
                {item.field && <code>{item.field}</code>}
                {item.field && ': '}
                {item.message}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

function PipelineItem({ pipeline }: { pipeline: ImportedPipeline }) {
  const problems = pipeline.errors.length;
  return (
    <li data-testid={`imported-pipeline-${pipeline.id}`}>
      <Link to={`/pipelines/${pipeline.id}`}>{pipeline.name}</Link>{' '}
      {pipeline.valid ? (
        <span className="import-badge import-badge-ok">ready to run</span>
      ) : (
        <>
          <span className="import-badge import-badge-warn">
            {problems === 1 ? '1 problem' : `${problems} problems`} to fix in the designer
          </span>
          <ul>
            {pipeline.errors.map((issue, index) => (
              <li key={index}>{issue.message}</li>
            ))}
          </ul>
        </>
      )}
    </li>
  );
}

export function ImportCreated({ result, onDismiss }: { result: ImportResult; onDismiss: () => void }) {
  const notes = groupByFile(result.notes);
  return (
    <section className="import-outcome import-done" role="status" data-testid="import-result">
      <div className="import-outcome-header">
        <strong>{importSummary(result)}</strong>
        <button type="button" className="link-button" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
      {result.components.length > 0 && (
        <div className="import-group">
          <h3>Components</h3>
          <ul>
            {result.components.map((component) => (
              <li key={`${component.name}@${component.version}`} data-testid={`imported-component-${component.name}`}>
                <Link to={componentPagePath(component.name, component.version)}>
                  {component.display_name || component.name}
                </Link>{' '}
                <span className="muted">
                  {component.name}@{component.version}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {result.pipelines.length > 0 && (
        <div className="import-group">
          <h3>Pipelines</h3>
          <ul>
            {result.pipelines.map((pipeline) => (
              <PipelineItem key={pipeline.id} pipeline={pipeline} />
            ))}
          </ul>
        </div>
      )}
      {result.schedules.length > 0 && (
        <div className="import-group">
          <h3>Schedules</h3>
          <ul>
            {result.schedules.map((schedule) => (
              <li key={schedule.id}>
                <Link to="/schedules">{schedule.name}</Link>{' '}
                <span className="muted">runs endpoint {schedule.endpoint}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {notes.length > 0 && (
        <div className="import-group">
          <h3>Notes: what was approximated or left out</h3>
          <FileMessageList files={notes} testId="import-note" />
        </div>
      )}
    </section>
  );
}

export function ImportRefused({ failure, onDismiss }: { failure: ImportFailure; onDismiss: () => void }) {
  const count = failure.files.reduce((total, group) => total + group.items.length, 0);
  const headline =
    failure.kind === 'refused' && count > 0
      ? `Nothing was imported: ${count === 1 ? 'one problem' : `${count} problems`}.`
      : `Nothing was imported: ${failure.message}`;
  return (
    <section className="import-outcome import-failed" role="alert" data-testid="import-refused">
      <div className="import-outcome-header">
        <strong>{headline}</strong>
        <button type="button" className="link-button" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
      {count > 0 && <FileMessageList files={failure.files} testId="import-problem" />}
      {failure.kind === 'conflict' && (
        <p className="muted">Give the changed component a new version, or import the same content as before.</p>
      )}
    </section>
  );
}
