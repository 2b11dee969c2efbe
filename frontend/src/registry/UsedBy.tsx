/** The pipelines whose graphs pin this component version, with the nodes that do. */
import { Link } from 'react-router';
import type { UsedByPipeline } from '../api/components';

export function UsedBy({ pipelines }: { pipelines: UsedByPipeline[] | undefined }) {
  return (
    <section className="detail-section" aria-labelledby="used-by-heading">
      <h2 id="used-by-heading">Used by</h2>
      {!pipelines || pipelines.length === 0 ? (
        <p className="muted">No pipeline uses this version yet.</p>
      ) : (
        <ul className="used-by">
          {pipelines.map((pipeline) => (
            <li key={String(pipeline.id)}>
              <Link to={`/pipelines/${encodeURIComponent(String(pipeline.id))}`}>{pipeline.name}</Link>
              {pipeline.nodes.length > 0 && (
                <span className="muted">
                  {' '}
                  — {pipeline.nodes.length === 1 ? 'node' : 'nodes'} {pipeline.nodes.join(', ')}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
