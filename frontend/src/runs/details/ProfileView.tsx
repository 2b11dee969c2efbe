/**
 * Column statistics of a table (a dataframe artifact's or a dataset version's profile): one row
 * per column with counts, spread and range, a histogram for numeric columns and the most
 * frequent values for the others. ProfileView fetches an artifact's; ProfileTable shows any.
 */
import { useArtifactProfile, type ArtifactProfile, type ColumnProfile } from '../../api/artifacts';
import type { EntityId } from '../../api/models';
import { ErrorMessage } from '../../shared/ErrorMessage';
import { MiniHistogram } from '../charts/lazy';

function num(value: number | string | boolean | null | undefined): string {
  if (value == null) return '';
  if (typeof value !== 'number') return String(value);
  return Number.isInteger(value) ? String(value) : Number(value.toPrecision(4)).toString();
}

function Distribution({ column }: { column: ColumnProfile }) {
  if (column.histogram && column.histogram.counts.length > 0) {
    const { edges, counts } = column.histogram;
    return <MiniHistogram edges={edges} counts={counts} label={`Distribution of ${column.name}`} />;
  }
  if (column.top.length === 0) return null;
  return (
    <span className="profile-top">
      {column.top.slice(0, 3).map((entry) => `${String(entry.value)} (${entry.count})`).join(', ')}
    </span>
  );
}

/** The statistics table of a profile; `testId` prefixes the table's and each row's test id. */
export function ProfileTable({ profile, testId }: { profile: ArtifactProfile; testId: string }) {
  return (
    <div className="preview-scroll">
      <h4>
        Column statistics
        {profile.sampled && <span className="muted"> (first {profile.profiled_rows} of {profile.row_count} rows)</span>}
      </h4>
      <table className="data-table compact profile" data-testid={testId}>
        <thead>
          <tr>
            <th>Column</th>
            <th>Type</th>
            <th>Distribution</th>
            <th>Missing</th>
            <th>Unique</th>
            <th>Mean</th>
            <th>Std</th>
            <th>Min</th>
            <th>Max</th>
          </tr>
        </thead>
        <tbody>
          {profile.columns.map((column) => (
            <tr key={column.name} data-testid={`${testId}-${column.name}`}>
              <td>{column.name}</td>
              <td className="muted">{column.dtype}</td>
              <td>
                <Distribution column={column} />
              </td>
              <td className="number">{num(column.missing)}</td>
              <td className="number">{num(column.unique)}</td>
              <td className="number mean">{num(column.mean)}</td>
              <td className="number">{num(column.std)}</td>
              <td className="number">{num(column.min)}</td>
              <td className="number">{num(column.max)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ProfileView({ artifactId, port }: { artifactId: EntityId; port: string }) {
  const profile = useArtifactProfile(artifactId, true);
  if (profile.isPending) return <p className="muted">Loading statistics…</p>;
  if (profile.isError) return <ErrorMessage error={profile.error} onRetry={() => void profile.refetch()} />;
  return <ProfileTable profile={profile.data} testId={`profile-${port}`} />;
}
