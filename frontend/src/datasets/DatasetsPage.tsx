/**
 * /datasets — the registered datasets: search (kept in the URL), name, newest version, rows,
 * size, tags, last change; "Upload dataset" opens the upload dialog (also on ?upload=1). With none
 * yet, says how to make one.
 */
import { Link, useSearchParams } from 'react-router';
import { useDatasets, type Dataset } from '../api/datasets';
import { datasetPagePath } from '../shared/catalogPaths';
import { ErrorMessage } from '../shared/ErrorMessage';
import { formatBytes, formatTime } from '../shared/format';
import { TagList } from '../shared/TagList';
import { UploadDatasetDialog } from './UploadDatasetDialog';

function EmptyDatasets({ onUpload }: { onUpload: () => void }) {
  return (
    <div className="empty-state" data-testid="datasets-empty">
      <h2>No datasets yet</h2>
      <p>
        A dataset is a named, versioned table. Pipelines read it by name — the newest version, or one you pin — and every
        run records which version it used.
      </p>
      <p>
        <button type="button" className="primary" onClick={onUpload}>
          Upload a file
        </button>
      </p>
      <p className="muted">
        You can also register a table a run produced: open the run, pick the node, and press <strong>Register as dataset</strong>{' '}
        on its output.
      </p>
    </div>
  );
}

function DatasetRow({ dataset }: { dataset: Dataset }) {
  return (
    <tr data-testid={`dataset-row-${dataset.name}`}>
      <td>
        <Link to={datasetPagePath(dataset.name)}>{dataset.name}</Link>
        {dataset.description && <div className="muted cell-note">{dataset.description}</div>}
      </td>
      <td>v{dataset.latest_version}</td>
      <td className="number">{dataset.latest.row_count?.toLocaleString() ?? '—'}</td>
      <td className="number">{formatBytes(dataset.latest.size)}</td>
      <td>
        <TagList tags={dataset.tags} />
      </td>
      <td>{formatTime(dataset.updated_at)}</td>
    </tr>
  );
}

export function DatasetsPage() {
  const [params, setParams] = useSearchParams();
  const search = params.get('search') ?? '';
  const uploading = params.get('upload') === '1';
  const datasets = useDatasets(search);

  const setParam = (key: string, value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  return (
    <div className="page catalog-page">
      <div className="page-header">
        <h1>Datasets</h1>
        <div className="header-actions">
          <Link to="/datastores" className="button-link">
            Register from a datastore
          </Link>
          <button type="button" className="primary" onClick={() => setParam('upload', '1')}>
            Upload dataset
          </button>
        </div>
      </div>
      <input
        type="search"
        className="catalog-search"
        aria-label="Search datasets"
        placeholder="Search by name, description or tag"
        value={search}
        onChange={(event) => setParam('search', event.target.value || null)}
      />
      {datasets.isPending && <p className="page-loading">Loading datasets…</p>}
      {datasets.isError && <ErrorMessage error={datasets.error} onRetry={() => void datasets.refetch()} />}
      {datasets.data?.length === 0 &&
        (search ? <p className="muted">No dataset matches “{search}”.</p> : <EmptyDatasets onUpload={() => setParam('upload', '1')} />)}
      {datasets.data && datasets.data.length > 0 && (
        <table className="data-table" data-testid="datasets-list">
          <thead>
            <tr>
              <th>Name</th>
              <th>Newest</th>
              <th className="number">Rows</th>
              <th className="number">Size</th>
              <th>Tags</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {datasets.data.map((dataset) => (
              <DatasetRow key={dataset.name} dataset={dataset} />
            ))}
          </tbody>
        </table>
      )}
      {uploading && <UploadDatasetDialog onClose={() => setParam('upload', null)} />}
    </div>
  );
}
