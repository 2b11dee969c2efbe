/**
 * /models/:name — one registered model: description and tags (editable), aliases (set, move,
 * remove), its versions newest first with their metrics, and the version picked (?version=n,
 * else the newest) in full.
 */
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  useDeleteModel,
  useRegisteredModel,
  useUpdateModel,
  type ModelVersion,
  type RegisteredModelDetail,
} from '../api/registeredModels';
import { ConfirmDialog } from '../pipelines/ConfirmDialog';
import { AboutEditor } from '../shared/AboutEditor';
import { ErrorMessage } from '../shared/ErrorMessage';
import { formatMetric, formatTime } from '../shared/format';
import { AliasControl } from './AliasControl';
import { ModelVersionPanel } from './ModelVersionPanel';

/** The first few metrics, "r2 0.9123 · mae 3.1000", for the versions table. */
export function metricsLine(metrics: Record<string, number>, shown = 3): string {
  const entries = Object.entries(metrics).sort(([a], [b]) => a.localeCompare(b));
  const line = entries.slice(0, shown).map(([name, value]) => `${name} ${formatMetric(value)}`).join(' · ');
  return entries.length > shown ? `${line} …` : line;
}

function VersionsTable({ versions, picked, onPick }: { versions: ModelVersion[]; picked: number; onPick: (version: number) => void }) {
  return (
    <table className="data-table compact versions-table" data-testid="model-versions">
      <thead>
        <tr>
          <th>Version</th>
          <th>Aliases</th>
          <th>Metrics</th>
          <th>Task</th>
          <th>Trained by</th>
          <th>Created</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((version) => (
          <tr key={version.version} className={version.version === picked ? 'picked' : undefined} aria-selected={version.version === picked}>
            <td>
              <button type="button" className="link-button" onClick={() => onPick(version.version)} aria-label={`Show v${version.version}`}>
                v{version.version}
              </button>
            </td>
            <td>
              {version.aliases.map((alias) => (
                <span key={alias} className="alias-chip">
                  @{alias}
                </span>
              ))}
            </td>
            <td className="metric-cell">{metricsLine(version.metrics) || <span className="muted">—</span>}</td>
            <td>{version.task ?? '—'}</td>
            <td>{version.lineage.run !== null ? <Link to={`/runs/${version.lineage.run}`}>run {version.lineage.run}</Link> : version.source}</td>
            <td>{formatTime(version.created_at)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ModelDetail({ model }: { model: RegisteredModelDetail }) {
  const [params, setParams] = useSearchParams();
  const [deleting, setDeleting] = useState(false);
  const update = useUpdateModel(model.name);
  const remove = useDeleteModel(model.name);
  const navigate = useNavigate();
  const asked = Number(params.get('version'));
  const picked = model.versions.find((version) => version.version === asked) ?? model.versions[0];

  return (
    <>
      <div className="page-header">
        <div>
          <Link to="/models" className="muted back-link">
            ← Models
          </Link>
          <h1>{model.name}</h1>
        </div>
        <button type="button" className="danger" onClick={() => setDeleting(true)}>
          Delete
        </button>
      </div>
      <AboutEditor
        description={model.description ?? ''}
        tags={model.tags}
        saving={update.isPending}
        error={update.error}
        onSave={(about, done) => update.mutate(about, { onSuccess: done })}
      />
      {params.has('version') && picked?.version !== asked && (
        <p className="notice-box" role="status">
          {model.name} has no version {params.get('version')}; showing the newest.
        </p>
      )}
      <AliasControl model={model} />
      <section className="catalog-section" aria-labelledby="model-versions-title">
        <h2 id="model-versions-title">Versions</h2>
        <VersionsTable versions={model.versions} picked={picked?.version ?? 0} onPick={(version) => setParams({ version: String(version) }, { replace: true })} />
      </section>
      {picked && <ModelVersionPanel key={picked.version} name={model.name} version={picked} />}
      {deleting && (
        <ConfirmDialog
          title={`Delete model ${model.name}?`}
          confirmLabel="Delete model"
          busy={remove.isPending}
          onCancel={() => setDeleting(false)}
          onConfirm={() => remove.mutate(undefined, { onSuccess: () => navigate('/models', { replace: true }) })}
        >
          <p>
            Its {model.version_count} version{model.version_count === 1 ? '' : 's'} and aliases go; pipelines that use it by name
            will fail to start. Runs that already used it keep their record.
          </p>
          {remove.error && <ErrorMessage error={remove.error} />}
        </ConfirmDialog>
      )}
    </>
  );
}

export function ModelDetailPage() {
  const { name = '' } = useParams();
  const model = useRegisteredModel(name);
  return (
    <div className="page catalog-page">
      {model.isPending && <p className="page-loading">Loading model…</p>}
      {model.isError && (
        <>
          <Link to="/models" className="muted back-link">
            ← Models
          </Link>
          <ErrorMessage error={model.error} onRetry={() => void model.refetch()} />
        </>
      )}
      {model.data && <ModelDetail model={model.data} />}
    </div>
  );
}
