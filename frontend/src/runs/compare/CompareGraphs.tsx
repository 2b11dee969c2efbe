/** How each run's frozen graph differs from the first one's. */
import type { GraphEdge, JsonValue, Run } from '../../api/models';
import { paramText } from '../paramText';
import { diffGraphs, isSameGraph, type GraphDiff } from './graphDiff';

const edgeText = (edge: GraphEdge) => `${edge.source}.${edge.source_port} → ${edge.target}.${edge.target_port}`;
type Values = Run['parameters'] | undefined;
const valueText = (value: JsonValue | undefined, parameters: Values) => (value === undefined ? '(unset)' : paramText(value, parameters));

function DiffList({ diff, before, now }: { diff: GraphDiff; before: Values; now: Values }) {
  if (isSameGraph(diff)) return <p className="muted">Same graph.</p>;
  return (
    <ul className="graph-diff">
      {diff.removed.map((node) => (
        <li key={`r-${node}`} className="diff-removed">
          node <strong>{node}</strong> only in the first run
        </li>
      ))}
      {diff.added.map((node) => (
        <li key={`a-${node}`} className="diff-added">
          node <strong>{node}</strong> only in this run
        </li>
      ))}
      {diff.changed.map((change) => (
        <li key={`c-${change.node}`} className="diff-changed">
          node <strong>{change.node}</strong> changed
          <ul>
            {change.component && (
              <li>
                component <code>{change.component.before}</code> → <code>{change.component.now}</code>
              </li>
            )}
            {change.params.map((param) => (
              <li key={param.name}>
                {param.name}: <code>{valueText(param.before, before)}</code> → <code>{valueText(param.now, now)}</code>
              </li>
            ))}
          </ul>
        </li>
      ))}
      {diff.edgesAdded.map((edge) => (
        <li key={`ea-${edgeText(edge)}`} className="diff-added">
          edge added {edgeText(edge)}
        </li>
      ))}
      {diff.edgesRemoved.map((edge) => (
        <li key={`er-${edgeText(edge)}`} className="diff-removed">
          edge removed {edgeText(edge)}
        </li>
      ))}
    </ul>
  );
}

export function CompareGraphs({ runs }: { runs: readonly Run[] }) {
  const [base, ...others] = runs;
  if (!base) return null;
  return (
    <section className="compare-section" data-testid="compare-graph">
      <div className="compare-section-header">
        <h2>Graph</h2>
        <span className="muted">compared with run #{String(base.id)}</span>
      </div>
      {others.map((run) => (
        <div key={String(run.id)} className="graph-diff-run">
          <h3>Run #{String(run.id)}</h3>
          <DiffList
            diff={diffGraphs(base.graph ?? { nodes: [], edges: [] }, run.graph ?? { nodes: [], edges: [] })}
            before={base.parameters}
            now={run.parameters}
          />
        </div>
      ))}
    </section>
  );
}
