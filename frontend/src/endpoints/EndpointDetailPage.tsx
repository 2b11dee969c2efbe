/**
 * /endpoints/:name — one endpoint: its versions (make one the default), enable or disable it,
 * the default version's parameters, how to call it (curl, Python), "Run now", its schedules and
 * its recent runs.
 */
import './endpoints.css';
import { Link, useParams } from 'react-router';
import { useEndpoint, useUpdateEndpoint } from '../api/endpoints';
import type { Endpoint } from '../api/models';
import { ErrorMessage } from '../shared/ErrorMessage';
import { CallExamples } from './CallExamples';
import { EnabledBadge } from './EnabledBadge';
import { EndpointRuns } from './EndpointRuns';
import { EndpointSchedules } from './EndpointSchedules';
import { ParametersTable } from './ParametersTable';
import { RunNowForm } from './RunNowForm';
import { VersionsTable } from './VersionsTable';

function EnableToggle({ endpoint }: { endpoint: Endpoint }) {
  const update = useUpdateEndpoint(endpoint.name);
  const enabled = endpoint.enabled !== false;
  return (
    <div className="endpoint-toggle">
      <EnabledBadge enabled={enabled} />
      <button type="button" className={enabled ? 'danger' : 'primary'} disabled={update.isPending} onClick={() => update.mutate({ enabled: !enabled })}>
        {enabled ? 'Disable' : 'Enable'}
      </button>
      {update.error && (
        <span className="form-error" role="alert">
          {update.error.message}
        </span>
      )}
    </div>
  );
}

function EndpointDetail({ endpoint }: { endpoint: Endpoint }) {
  const defaultVersion = endpoint.versions.find((version) => version.version === endpoint.default_version);
  const parameters = defaultVersion?.parameters ?? [];
  return (
    <>
      <div className="page-header">
        <div>
          <Link to="/endpoints" className="muted back-link">
            ← Endpoints
          </Link>
          <h1>{endpoint.name}</h1>
        </div>
        <EnableToggle endpoint={endpoint} />
      </div>
      {endpoint.enabled === false && (
        <p className="notice-box" role="status">
          This endpoint is disabled: calls and schedules are refused (409) until you enable it again.
        </p>
      )}
      <p className="endpoint-description">{endpoint.description || <span className="muted">No description.</span>}</p>
      <VersionsTable endpoint={endpoint} />
      <div className="endpoint-columns">
        <section className="endpoint-section" aria-labelledby="parameters-title">
          <h2 id="parameters-title">Parameters{defaultVersion ? ` of the default version (v${defaultVersion.version})` : ''}</h2>
          <ParametersTable parameters={parameters} />
        </section>
        <RunNowForm key={defaultVersion?.version ?? 0} endpoint={endpoint} parameters={parameters} />
      </div>
      <CallExamples endpoint={endpoint.name} parameters={parameters} />
      <EndpointSchedules endpoint={endpoint.name} />
      <EndpointRuns endpoint={endpoint.name} />
    </>
  );
}

export function EndpointDetailPage() {
  const { name = '' } = useParams();
  const endpoint = useEndpoint(name);
  return (
    <div className="page endpoint-page">
      {endpoint.isPending && <p className="page-loading">Loading endpoint…</p>}
      {endpoint.isError && (
        <>
          <Link to="/endpoints" className="muted back-link">
            ← Endpoints
          </Link>
          <ErrorMessage error={endpoint.error} onRetry={() => void endpoint.refetch()} />
        </>
      )}
      {endpoint.data && <EndpointDetail endpoint={endpoint.data} />}
    </div>
  );
}
