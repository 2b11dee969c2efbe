/**
 * One version of a dataset: where it came from, downloads, its lineage, and tabs for the column
 * profile (statistics and histograms), the first rows, and the schema.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { datasetDownloadUrl, useDatasetPreview, useDatasetProfile, type DatasetVersion } from '../api/datasets';
import { lineagePagePath } from '../shared/catalogPaths';
import { ErrorMessage } from '../shared/ErrorMessage';
import { formatBytes, formatTime } from '../shared/format';
import { PreviewGrid } from '../runs/details/PreviewGrid';
import { ProfileTable } from '../runs/details/ProfileView';
import { DatasetSourceText } from './datasetSource';

type Tab = 'Profile' | 'Preview' | 'Schema';
const TABS: Tab[] = ['Profile', 'Preview', 'Schema'];

function ProfileTab({ name, version }: { name: string; version: number }) {
  const profile = useDatasetProfile(name, version);
  if (profile.isPending) return <p className="muted">Computing the profile…</p>;
  if (profile.isError) return <ErrorMessage error={profile.error} onRetry={() => void profile.refetch()} />;
  return <ProfileTable profile={profile.data} testId="dataset-profile" />;
}

function PreviewTab({ name, version }: { name: string; version: number }) {
  const preview = useDatasetPreview(name, version);
  if (preview.isPending) return <p className="muted">Loading the first rows…</p>;
  if (preview.isError) return <ErrorMessage error={preview.error} onRetry={() => void preview.refetch()} />;
  return <PreviewGrid preview={preview.data} testId="dataset-preview" />;
}

function SchemaTab({ version }: { version: DatasetVersion }) {
  return (
    <table className="data-table compact schema-table" data-testid="dataset-schema">
      <thead>
        <tr>
          <th>Column</th>
          <th>Type</th>
        </tr>
      </thead>
      <tbody>
        {version.schema.map((column) => (
          <tr key={column.name}>
            <td>{column.name}</td>
            <td className="muted">{column.dtype}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function DatasetVersionPanel({ name, version }: { name: string; version: DatasetVersion }) {
  const [tab, setTab] = useState<Tab>('Profile');
  return (
    <section className="catalog-section" aria-labelledby="version-title" data-testid={`dataset-version-${version.version}`}>
      <div className="section-header">
        <h2 id="version-title">
          {name} v{version.version}
        </h2>
        <div className="section-actions">
          <a href={datasetDownloadUrl(name, version.version)} download>
            Download Parquet
          </a>
          <a href={datasetDownloadUrl(name, version.version, 'csv')} download>
            Download CSV
          </a>
          <Link to={lineagePagePath({ kind: 'dataset', name, version: version.version })}>Lineage</Link>
        </div>
      </div>
      <p className="muted version-facts">
        {version.row_count?.toLocaleString() ?? '?'} rows · {version.schema.length} columns · {formatBytes(version.size)} ·{' '}
        <DatasetSourceText source={version.source} /> · {formatTime(version.created_at)}
        {version.created_by && ` by ${version.created_by}`} · <span title={version.digest}>{version.digest.slice(0, 19)}</span>
      </p>
      <p className="muted">
        In a pipeline: drag <strong>{name}</strong> from the palette’s Datasets group, and pick <em>v{version.version}</em> in its
        version to pin this one.
      </p>
      <div className="tabs" role="tablist">
        {TABS.map((each) => (
          <button key={each} type="button" role="tab" aria-selected={tab === each} className={tab === each ? 'tab active' : 'tab'} onClick={() => setTab(each)}>
            {each}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel">
        {tab === 'Profile' && <ProfileTab key={version.version} name={name} version={version.version} />}
        {tab === 'Preview' && <PreviewTab key={version.version} name={name} version={version.version} />}
        {tab === 'Schema' && <SchemaTab version={version} />}
      </div>
    </section>
  );
}
