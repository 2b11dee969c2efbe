/**
 * /datasets/:name — one dataset: description and tags (editable), its versions newest first,
 * and the version picked (?version=n, else the newest) with its profile, preview and schema.
 * "Upload a new version" adds to it; "Delete" removes the name (stored tables follow the
 * retention rules).
 */
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useDataset, useDeleteDataset, useUpdateDataset, type DatasetDetail, type DatasetVersion } from '../api/datasets';
import { ConfirmDialog } from '../pipelines/ConfirmDialog';
import { AboutEditor } from '../shared/AboutEditor';
import { ErrorMessage } from '../shared/ErrorMessage';
import { formatBytes, formatTime } from '../shared/format';
import { DatasetSourceText } from './datasetSource';
import { DatasetVersionPanel } from './DatasetVersionPanel';
import { UploadDatasetDialog } from './UploadDatasetDialog';

function VersionsTable({ versions, picked, onPick }: { versions: DatasetVersion[]; picked: number; onPick: (version: number) => void }) {
  return (
    <table className="data-table compact versions-table" data-testid="dataset-versions">
      <thead>
        <tr>
          <th>Version</th>
          <th className="number">Rows</th>
          <th className="number">Columns</th>
          <th className="number">Size</th>
          <th>Source</th>
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
            <td className="number">{version.row_count?.toLocaleString() ?? '—'}</td>
            <td className="number">{version.schema.length}</td>
            <td className="number">{formatBytes(version.size)}</td>
            <td>
              <DatasetSourceText source={version.source} />
            </td>
            <td>
              {formatTime(version.created_at)}
              {version.created_by && <span className="muted"> · {version.created_by}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DatasetDetail({ dataset }: { dataset: DatasetDetail }) {
  const [params, setParams] = useSearchParams();
  const [uploading, setUploading] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const update = useUpdateDataset(dataset.name);
  const remove = useDeleteDataset(dataset.name);
  const navigate = useNavigate();
  const asked = Number(params.get('version'));
  const picked = dataset.versions.find((version) => version.version === asked) ?? dataset.versions[0];
  const pick = (version: number) => setParams({ version: String(version) }, { replace: true });

  return (
    <>
      <div className="page-header">
        <div>
          <Link to="/datasets" className="muted back-link">
            ← Datasets
          </Link>
          <h1>{dataset.name}</h1>
        </div>
        <div className="header-actions">
          <button type="button" className="primary" onClick={() => setUploading(true)}>
            Upload a new version
          </button>
          <button type="button" className="danger" onClick={() => setDeleting(true)}>
            Delete
          </button>
        </div>
      </div>
      <AboutEditor
        description={dataset.description ?? ''}
        tags={dataset.tags}
        saving={update.isPending}
        error={update.error}
        onSave={(about, done) => update.mutate(about, { onSuccess: done })}
      />
      {params.has('version') && picked?.version !== asked && (
        <p className="notice-box" role="status">
          {dataset.name} has no version {params.get('version')}; showing the newest.
        </p>
      )}
      <section className="catalog-section" aria-labelledby="versions-title">
        <h2 id="versions-title">Versions</h2>
        <VersionsTable versions={dataset.versions} picked={picked?.version ?? 0} onPick={pick} />
      </section>
      {picked && <DatasetVersionPanel key={picked.version} name={dataset.name} version={picked} />}
      {uploading && <UploadDatasetDialog name={dataset.name} onClose={() => setUploading(false)} />}
      {deleting && (
        <ConfirmDialog
          title={`Delete dataset ${dataset.name}?`}
          confirmLabel="Delete dataset"
          busy={remove.isPending}
          onCancel={() => setDeleting(false)}
          onConfirm={() => remove.mutate(undefined, { onSuccess: () => navigate('/datasets', { replace: true }) })}
        >
          <p>
            Its {dataset.version_count} version{dataset.version_count === 1 ? '' : 's'} will no longer be listed, and pipelines
            that read it by name will fail to start. Runs that already used it keep their record.
          </p>
          {remove.error && <ErrorMessage error={remove.error} />}
        </ConfirmDialog>
      )}
    </>
  );
}

export function DatasetDetailPage() {
  const { name = '' } = useParams();
  const dataset = useDataset(name);
  return (
    <div className="page catalog-page">
      {dataset.isPending && <p className="page-loading">Loading dataset…</p>}
      {dataset.isError && (
        <>
          <Link to="/datasets" className="muted back-link">
            ← Datasets
          </Link>
          <ErrorMessage error={dataset.error} onRetry={() => void dataset.refetch()} />
        </>
      )}
      {dataset.data && <DatasetDetail dataset={dataset.data} />}
    </div>
  );
}
