/**
 * /lineage?dataset=name&version=n | ?model=name&version=n | ?run=id — what produced it and what
 * used it, across runs: datasets read by runs, models registered from runs, runs that scored
 * with those models, datasets registered from run outputs.
 */
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../api/http';
import { useLineage, type LineageSubject } from '../api/lineage';
import { datasetPagePath, lineageSubjectOf, modelPagePath } from '../shared/catalogPaths';
import { ErrorMessage } from '../shared/ErrorMessage';
import { LineageGraph } from './LineageGraph';

function subjectTitle(subject: LineageSubject): string {
  return subject.kind === 'run' ? `run ${subject.run}` : `${subject.name} v${subject.version}`;
}

function subjectPath(subject: LineageSubject): string {
  if (subject.kind === 'run') return `/runs/${subject.run}`;
  return subject.kind === 'dataset' ? datasetPagePath(subject.name, subject.version) : modelPagePath(subject.name, subject.version);
}

/** The registry answers 404 for a dataset version no run has read or made: nothing to draw. */
function unusedDataset(subject: LineageSubject, error: unknown): boolean {
  return subject.kind === 'dataset' && isApiError(error) && error.status === 404;
}

function Legend() {
  return (
    <span className="lineage-legend" aria-label="Legend">
      <span className="lineage-node kind-dataset legend-chip">Dataset</span>
      <span className="lineage-node kind-run legend-chip">Run</span>
      <span className="lineage-node kind-model legend-chip">Model</span>
    </span>
  );
}

function NoSubject() {
  return (
    <div className="page">
      <h1>Lineage</h1>
      <p className="muted">
        Open lineage from a dataset version, a model version or a run: each has a <strong>Lineage</strong> link. Or go to{' '}
        <Link to="/datasets">Datasets</Link> or <Link to="/models">Models</Link>.
      </p>
    </div>
  );
}

export function LineagePage() {
  const [params] = useSearchParams();
  const subject = lineageSubjectOf(params);
  const lineage = useLineage(subject);
  if (!subject) return <NoSubject />;
  const alone = lineage.data !== undefined && lineage.data.nodes.length <= 1;
  return (
    <div className="lineage-page">
      <div className="lineage-header">
        <h1>Lineage of {subjectTitle(subject)}</h1>
        <Link to={subjectPath(subject)}>Open {subjectTitle(subject)}</Link>
        <span className="muted">Arrows follow the data. Click a node to open it.</span>
        <Legend />
      </div>
      {lineage.isPending && <p className="page-loading">Tracing lineage…</p>}
      {lineage.isError &&
        (unusedDataset(subject, lineage.error) ? (
          <p className="notice-box lineage-alone" role="status">
            No run has used {subjectTitle(subject)} yet, so there is no lineage to draw.
          </p>
        ) : (
          <div className="page">
            <ErrorMessage error={lineage.error} onRetry={() => void lineage.refetch()} />
          </div>
        ))}
      {alone && (
        <p className="notice-box lineage-alone" role="status">
          Nothing produced or used {subjectTitle(subject)} that Pipewright knows of yet.
        </p>
      )}
      {lineage.data && <LineageGraph lineage={lineage.data} />}
    </div>
  );
}
