/** What a model artifact is: estimator class, task, label and features, hyperparameters. */
import type { ModelSummary } from '../../api/artifacts';
import type { JsonValue } from '../../api/models';

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value as JsonValue) : String(value);
}

export function ModelSummaryView({ summary, port }: { summary: ModelSummary; port: string }) {
  const params = Object.entries(summary.params ?? {});
  return (
    <div className="model-summary" data-testid={`model-summary-${port}`}>
      <dl className="summary-list">
        {summary.class && (
          <>
            <dt>Class</dt>
            <dd>
              <code>{summary.class}</code>
            </dd>
          </>
        )}
        {summary.task && (
          <>
            <dt>Task</dt>
            <dd>{summary.task}</dd>
          </>
        )}
        {summary.label_column && (
          <>
            <dt>Label</dt>
            <dd>{summary.label_column}</dd>
          </>
        )}
        {summary.feature_columns && summary.feature_columns.length > 0 && (
          <>
            <dt>Features</dt>
            <dd>{summary.feature_columns.join(', ')}</dd>
          </>
        )}
      </dl>
      {params.length > 0 && (
        <table className="data-table compact">
          <thead>
            <tr>
              <th>Hyperparameter</th>
              <th>Value</th>
            </tr>
          </thead>
          <tbody>
            {params.map(([name, value]) => (
              <tr key={name}>
                <td>{name}</td>
                <td>{text(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
