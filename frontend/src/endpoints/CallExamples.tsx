/** "Call it": a curl command and a Python script that call the endpoint, each with a copy button. */
import { useState } from 'react';
import { Link } from 'react-router';
import type { EndpointParameter } from '../api/models';
import { CodeBlock } from '../shared/CodeBlock';
import { curlExample, pythonExample } from './callExamples';

type Language = 'curl' | 'python';

export function CallExamples({ endpoint, parameters }: { endpoint: string; parameters: readonly EndpointParameter[] }) {
  const [language, setLanguage] = useState<Language>('curl');
  const target = { origin: window.location.origin, endpoint, parameters };
  const text = language === 'curl' ? curlExample(target) : pythonExample(target);
  return (
    <section className="endpoint-section" aria-labelledby="call-title">
      <h2 id="call-title">Call it</h2>
      <p className="muted">
        Replace <code>&lt;YOUR-TOKEN&gt;</code> with an <Link to="/tokens">API token</Link> (one that may run only this
        endpoint is safest). The answer has the run’s id and address.
      </p>
      <div className="tabs code-tabs" role="tablist" aria-label="Example language">
        {(['curl', 'python'] as const).map((option) => (
          <button
            key={option}
            type="button"
            role="tab"
            aria-selected={language === option}
            className={`tab ${language === option ? 'active' : ''}`}
            onClick={() => setLanguage(option)}
          >
            {option === 'curl' ? 'curl' : 'Python'}
          </button>
        ))}
      </div>
      <CodeBlock text={text} label={`${language} example`} testId={`call-example-${language}`} />
    </section>
  );
}
