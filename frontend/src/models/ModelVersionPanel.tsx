/**
 * One version of a registered model: what it is (class, task, label), its metrics, the columns
 * it expects, what it was trained on and by which run, the MLflow download and its lineage.
 */
import { Link } from 'react-router';
import { modelDownloadUrl, type ModelVersion } from '../api/registeredModels';
import { datasetPagePath, lineagePagePath } from '../shared/catalogPaths';
import { formatBytes, formatMetric, formatTime } from '../shared/format';
import { TagList } from '../shared/TagList';

function TrainedBy({ version }: { version: ModelVersion }) {
  const { lineage } = version;
  if (version.source === 'upload') return <span>uploaded</span>;
  return (
    <span>
      {lineage.run !== null ? (
        <Link to={`/runs/${lineage.run}?node=${encodeURIComponent(lineage.node ?? '')}`}>
          run {lineage.run}
          {lineage.node && ` · ${lineage.node}.${lineage.port ?? ''}`}
        </Link>
      ) : (
        'a run no longer kept'
      )}
      {lineage.pipeline !== null && lineage.pipeline_version !== null && (
        <>
          {' '}
          of <Link to={`/pipelines/${lineage.pipeline}/versions/${lineage.pipeline_version}`}>pipeline {lineage.pipeline} · v{lineage.pipeline_version}</Link>
        </>
      )}
    </span>
  );
}

function Metrics({ metrics }: { metrics: Record<string, number> }) {
  const entries = Object.entries(metrics).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <p className="muted">No metrics were recorded by the run that trained it.</p>;
  return (
    <table className="data-table compact schema-table" data-testid="model-metrics">
      <tbody>
        {entries.map(([name, value]) => (
          <tr key={name}>
            <th>{name}</th>
            <td className="number">{formatMetric(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ModelVersionPanel({ name, version }: { name: string; version: ModelVersion }) {
  return (
    <section className="catalog-section" aria-labelledby="model-version-title" data-testid={`model-version-${version.version}`}>
      <div className="section-header">
        <h2 id="model-version-title">
          {name} v{version.version}
          {version.aliases.map((alias) => (
            <span key={alias} className="alias-chip">
              @{alias}
            </span>
          ))}
        </h2>
        <div className="section-actions">
          <a href={modelDownloadUrl(name, version.version)} download>
            Download MLflow model (.zip)
          </a>
          <Link to={lineagePagePath({ kind: 'model', name, version: version.version })}>Lineage</Link>
        </div>
      </div>
      {version.description && <p className="about-description">{version.description}</p>}
      <TagList tags={version.tags} />
      <p className="muted version-facts">
        {version.model_class ?? 'model'}
        {version.task && ` · ${version.task}`}
        {version.label_column && ` · predicts ${version.label_column}`} · {formatBytes(version.size)} · trained by <TrainedBy version={version} /> ·{' '}
        {formatTime(version.created_at)}
        {version.created_by && ` by ${version.created_by}`}
      </p>
      {version.lineage.datasets.length > 0 && (
        <p>
          Trained on{' '}
          {version.lineage.datasets.map((dataset, index) => (
            <span key={`${dataset.name}:${dataset.version}`}>
              {index > 0 && ', '}
              <Link to={datasetPagePath(dataset.name, dataset.version)}>
                {dataset.name} v{dataset.version}
              </Link>
            </span>
          ))}
        </p>
      )}
      <div className="model-columns">
        <div>
          <h3>Metrics</h3>
          <Metrics metrics={version.metrics} />
        </div>
        <div>
          <h3>Input columns</h3>
          {version.input_schema.length === 0 ? (
            <p className="muted">Not known.</p>
          ) : (
            <table className="data-table compact schema-table" data-testid="model-input-schema">
              <thead>
                <tr>
                  <th>Column</th>
                  <th>Type</th>
                </tr>
              </thead>
              <tbody>
                {version.input_schema.map((column) => (
                  <tr key={column.name}>
                    <td>{column.name}</td>
                    <td className="muted">{column.dtype}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
      <p className="muted">
        In a pipeline: drag <strong>{name}</strong> from the palette’s Models group into any model input, and pick{' '}
        <em>v{version.version}</em>
        {version.aliases[0] && (
          <>
            {' '}
            or <em>@{version.aliases[0]}</em>
          </>
        )}{' '}
        as its version.
      </p>
    </section>
  );
}
