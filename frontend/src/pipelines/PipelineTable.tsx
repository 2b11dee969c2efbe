/** The list of pipelines, most recently updated first. */
import { Link } from 'react-router';
import type { Pipeline } from '../api/types';
import { formatTime } from '../shared/format';

export function sortByUpdated<T extends { updated_at?: string | null }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (b.updated_at ?? '').localeCompare(a.updated_at ?? ''));
}

export function PipelineTable({ pipelines }: { pipelines: readonly Pipeline[] }) {
  return (
    <table className="data-table" data-testid="pipelines-table">
      <thead>
        <tr>
          <th>Name</th>
          <th>Description</th>
          <th>Nodes</th>
          <th>Updated</th>
        </tr>
      </thead>
      <tbody>
        {sortByUpdated(pipelines).map((pipeline) => (
          <tr key={String(pipeline.id)}>
            <td>
              <Link to={`/pipelines/${encodeURIComponent(String(pipeline.id))}`}>{pipeline.name}</Link>
            </td>
            <td className="muted">{pipeline.description}</td>
            <td>{pipeline.graph?.nodes?.length ?? 0}</td>
            <td>
              <time dateTime={pipeline.updated_at}>{formatTime(pipeline.updated_at)}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
