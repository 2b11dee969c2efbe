/**
 * "Try it": rows typed as JSON (the sample request to start from), scored with the browser
 * session by the deployment the traffic split picks or the one chosen; the predictions (and
 * probabilities) row by row and which deployment answered, or the refusal naming the column.
 */
import { useState, type FormEvent } from 'react';
import { useSampleRequest, useScore } from '../api/inference';
import type { InferenceEndpoint, ScoreAnswer } from '../api/models';
import { formatPrediction, parseScoreBody, refusalOf, scoredRows } from './tryIt';

const BY_TRAFFIC = '';

function Answer({ answer }: { answer: ScoreAnswer }) {
  const rows = scoredRows(answer);
  const withProbability = rows.some((row) => row.probability !== undefined);
  return (
    <div className="try-answer" data-testid="try-answer">
      <p>
        Answered by <strong data-testid="try-deployment">{answer.deployment}</strong>: {rows.length} {rows.length === 1 ? 'prediction' : 'predictions'}.
      </p>
      <table className="data-table compact">
        <thead>
          <tr>
            <th>Row</th>
            <th>Prediction</th>
            {withProbability && <th>Probability</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.row}>
              <td>{row.row}</td>
              <td data-testid={`try-prediction-${row.row}`}>{formatPrediction(row.prediction)}</td>
              {withProbability && <td>{row.probability == null ? '—' : row.probability.toFixed(4)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Refused({ error }: { error: unknown }) {
  const refusal = refusalOf(error);
  return (
    <div className="try-refused form-error" role="alert" data-testid="try-error">
      {refusal ? (
        <>
          <strong>
            {refusal.status}
            {refusal.code ? ` ${refusal.code}` : ''}
          </strong>
          : {refusal.message}
          {refusal.column && (
            <div>
              Column <code>{refusal.column}</code>
              {refusal.row !== null && <> in row {refusal.row}</>}
            </div>
          )}
        </>
      ) : (
        String(error instanceof Error ? error.message : error)
      )}
    </div>
  );
}

interface TryItPanelProps {
  endpoint: InferenceEndpoint;
  /** Told the column a refusal named (null when none), so the schema can point at it. */
  onRefusedColumn: (column: string | null) => void;
}

export function TryItPanel({ endpoint, onRefusedColumn }: TryItPanelProps) {
  const sample = useSampleRequest(endpoint.name, endpoint.revision);
  const sampleText = sample.data ? JSON.stringify(sample.data.body, null, 2) : '';
  const [typed, setTyped] = useState<string | null>(null);
  const [deployment, setDeployment] = useState(BY_TRAFFIC);
  const [localError, setLocalError] = useState<string | null>(null);
  const score = useScore(endpoint.name);
  const text = typed ?? sampleText;

  const send = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseScoreBody(text);
    setLocalError(parsed.error);
    if (!parsed.body) return;
    score.mutate(
      { body: parsed.body, deployment: deployment || null },
      {
        onSuccess: () => onRefusedColumn(null),
        onError: (error) => onRefusedColumn(refusalOf(error)?.column ?? null),
      },
    );
  };

  return (
    <section className="endpoint-section" aria-labelledby="try-title">
      <h2 id="try-title">Try it</h2>
      <form onSubmit={send} aria-label="Try it" noValidate>
        <label htmlFor="try-body">Request body</label>
        <textarea
          id="try-body"
          className="try-body"
          rows={Math.min(16, Math.max(6, text.split('\n').length))}
          spellCheck={false}
          value={text}
          onChange={(event) => setTyped(event.target.value)}
        />
        <div className="form-actions try-actions">
          <label className="inline-field">
            Deployment{' '}
            <select value={deployment} onChange={(event) => setDeployment(event.target.value)}>
              <option value={BY_TRAFFIC}>as the traffic split picks</option>
              {endpoint.deployments.map((item) => (
                <option key={item.name} value={item.name}>
                  {item.name} ({item.traffic}%)
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => setTyped(null)} disabled={typed === null}>
            Reset to the sample
          </button>
          <button type="submit" className="primary" disabled={score.isPending || endpoint.deployments.length === 0}>
            {score.isPending ? 'Sending…' : 'Send'}
          </button>
        </div>
      </form>
      {localError && (
        <p className="form-error" role="alert" data-testid="try-error">
          {localError}
        </p>
      )}
      {!localError && score.isError && <Refused error={score.error} />}
      {!localError && score.data && !score.isError && <Answer answer={score.data} />}
    </section>
  );
}
