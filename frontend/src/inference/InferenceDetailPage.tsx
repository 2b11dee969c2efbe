/**
 * /inference/:name — one real-time endpoint: its deployments and traffic split, a "Try it"
 * panel next to the input schema, a sample request to copy, its requests and latency over time
 * with the model version serving, and the failed requests.
 */
import '../endpoints/endpoints.css';
import '../schedules/schedules.css';
import './inference.css';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useDeleteInferenceEndpoint, useInferenceEndpoint } from '../api/inference';
import type { InferenceEndpoint } from '../api/models';
import { ConfirmDialog } from '../pipelines/ConfirmDialog';
import { ErrorMessage } from '../shared/ErrorMessage';
import { DeploymentsSection } from './DeploymentsSection';
import { FailuresLog } from './FailuresLog';
import { InputSchema } from './InputSchema';
import { SampleRequestSection } from './SampleRequestSection';
import { StatsSection } from './StatsSection';
import { TryItPanel } from './TryItPanel';

function DeleteEndpoint({ name }: { name: string }) {
  const remove = useDeleteInferenceEndpoint(name);
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <button type="button" className="danger" onClick={() => setConfirming(true)}>
        Delete endpoint
      </button>
      {confirming && (
        <ConfirmDialog
          title={`Delete endpoint ${name}?`}
          confirmLabel="Delete endpoint"
          busy={remove.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={() => remove.mutate(undefined, { onSuccess: () => navigate('/inference') })}
        >
          Its scoring processes stop and requests to it get 404. The pipelines and models it served stay.
          {remove.error && (
            <p className="form-error" role="alert">
              {remove.error.message}
            </p>
          )}
        </ConfirmDialog>
      )}
    </>
  );
}

function EndpointDetail({ endpoint }: { endpoint: InferenceEndpoint }) {
  const [flagged, setFlagged] = useState<string | null>(null);
  return (
    <>
      <div className="page-header">
        <div>
          <Link to="/inference" className="muted back-link">
            ← Inference
          </Link>
          <h1>{endpoint.name}</h1>
          <p className="muted endpoint-url">
            <code>POST {endpoint.url}</code> · revision {endpoint.revision}
          </p>
        </div>
        <DeleteEndpoint name={endpoint.name} />
      </div>
      {endpoint.description && <p className="endpoint-description">{endpoint.description}</p>}
      <DeploymentsSection endpoint={endpoint} />
      <div className="endpoint-columns">
        <TryItPanel key={endpoint.revision} endpoint={endpoint} onRefusedColumn={setFlagged} />
        <InputSchema schema={endpoint.input_schema} flagged={flagged} />
      </div>
      <SampleRequestSection endpoint={endpoint} />
      <StatsSection name={endpoint.name} />
      <FailuresLog name={endpoint.name} />
    </>
  );
}

export function InferenceDetailPage() {
  const { name = '' } = useParams();
  const endpoint = useInferenceEndpoint(name);
  return (
    <div className="page inference-page">
      {endpoint.isPending && <p className="page-loading">Loading endpoint…</p>}
      {endpoint.isError && (
        <>
          <Link to="/inference" className="muted back-link">
            ← Inference
          </Link>
          <ErrorMessage error={endpoint.error} onRetry={() => void endpoint.refetch()} />
        </>
      )}
      {endpoint.data && <EndpointDetail endpoint={endpoint.data} />}
    </div>
  );
}
