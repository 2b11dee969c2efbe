/**
 * A request to copy, as the server makes it from the input schema: the curl command (with the
 * token header to fill in) and the JSON body, by rows or by columns; which token scope lets a
 * script score this endpoint and nothing else, and the header that picks a deployment.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { useSampleRequest } from '../api/inference';
import type { InferenceEndpoint } from '../api/models';
import { CodeBlock } from '../shared/CodeBlock';
import { ErrorMessage } from '../shared/ErrorMessage';

type Form = 'rows' | 'columns';

export function SampleRequestSection({ endpoint }: { endpoint: InferenceEndpoint }) {
  const sample = useSampleRequest(endpoint.name, endpoint.revision);
  const [form, setForm] = useState<Form>('rows');
  return (
    <section className="endpoint-section" aria-labelledby="sample-title" data-testid="sample-request">
      <h2 id="sample-title">Sample request</h2>
      {sample.isPending && <p className="page-loading">Loading…</p>}
      {sample.isError && <ErrorMessage error={sample.error} onRetry={() => void sample.refetch()} />}
      {sample.data && (
        <>
          <p className="muted">
            Replace the token placeholder with an <Link to={`/tokens?scope=${encodeURIComponent(sample.data.scope)}`}>API token</Link>; one
            limited to <code>{sample.data.scope}</code> may score this endpoint and do nothing else. Add{' '}
            <code>{sample.data.deployment_header}: &lt;deployment&gt;</code> to score with one deployment whatever the traffic.
          </p>
          <h3>curl</h3>
          <CodeBlock text={sample.data.curl} label="curl command" testId="sample-curl" />
          <div className="section-header sample-json-header">
            <h3>JSON body</h3>
            <div className="tabs code-tabs" role="tablist" aria-label="Body form">
              {(['rows', 'columns'] as const).map((option) => (
                <button
                  key={option}
                  type="button"
                  role="tab"
                  aria-selected={form === option}
                  className={`tab ${form === option ? 'active' : ''}`}
                  onClick={() => setForm(option)}
                >
                  {option === 'rows' ? 'By rows' : 'By columns'}
                </button>
              ))}
            </div>
          </div>
          <CodeBlock
            text={JSON.stringify(form === 'rows' ? sample.data.body : sample.data.columnar, null, 2)}
            label="JSON body"
            testId="sample-json"
          />
        </>
      )}
    </section>
  );
}
