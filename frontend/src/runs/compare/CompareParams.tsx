/** Parameters side by side, one column per run; rows whose values differ are highlighted. */
import { useState } from 'react';
import type { JsonValue, Run } from '../../api/models';
import { paramText } from '../paramText';
import { paramRows } from './compareTables';

function text(value: JsonValue | undefined, run: Run | undefined): string {
  return value === undefined ? '—' : paramText(value, run?.parameters);
}

export function CompareParams({ runs }: { runs: readonly Run[] }) {
  const [onlyDiffs, setOnlyDiffs] = useState(false);
  const rows = paramRows(runs);
  const shown = onlyDiffs ? rows.filter((row) => row.differs) : rows;
  const differing = rows.filter((row) => row.differs).length;
  return (
    <section className="compare-section">
      <div className="compare-section-header">
        <h2>Parameters</h2>
        <span className="muted">{differing === 0 ? 'no differences' : `${differing} differ`}</span>
        <label className="inline-check">
          <input type="checkbox" checked={onlyDiffs} onChange={(event) => setOnlyDiffs(event.target.checked)} /> Only differences
        </label>
      </div>
      {shown.length === 0 ? (
        <p className="muted">No parameters to show.</p>
      ) : (
        <table className="data-table compact compare-table" data-testid="compare-params">
          <thead>
            <tr>
              <th>Parameter</th>
              {runs.map((run) => (
                <th key={String(run.id)}>#{String(run.id)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.key} className={row.differs ? 'differs' : undefined} data-testid={`compare-param-${row.key}`} data-differs={row.differs}>
                <td>{row.node ? `${row.node}.${row.name}` : <em>pipeline · {row.name}</em>}</td>
                {row.values.map((value, index) => (
                  <td key={index}>
                    <code>{text(value, runs[index])}</code>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
