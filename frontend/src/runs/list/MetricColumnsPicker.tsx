/**
 * "Columns": pick metric columns for the runs list from the metrics the loaded runs logged,
 * Azure ML style. A disclosure with a checkbox per `node.metric`; the choice lives in the URL.
 */
interface MetricColumnsPickerProps {
  available: readonly string[];
  chosen: readonly string[];
  onChange: (keys: string[]) => void;
}

export function MetricColumnsPicker({ available, chosen, onChange }: MetricColumnsPickerProps) {
  // A chosen key no loaded run has (yet) stays listed, so it can be unticked.
  const keys = [...new Set([...available, ...chosen])].sort((a, b) => a.localeCompare(b));
  const toggle = (key: string) =>
    onChange(chosen.includes(key) ? chosen.filter((k) => k !== key) : keys.filter((k) => k === key || chosen.includes(k)));
  return (
    <details className="metric-columns" data-testid="metric-columns">
      <summary>Metric columns{chosen.length ? ` (${chosen.length})` : ''}</summary>
      <div className="metric-columns-menu" role="group" aria-label="Metric columns">
        {keys.length === 0 && <p className="muted">The runs shown have logged no metrics yet.</p>}
        {keys.map((key) => (
          <label key={key}>
            <input type="checkbox" checked={chosen.includes(key)} onChange={() => toggle(key)} /> {key}
          </label>
        ))}
      </div>
    </details>
  );
}
