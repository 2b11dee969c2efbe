/** The data triggers tab: each trigger's folder, endpoint, last firing; pause, resume, delete; create. */
import { useState } from 'react';
import { Link } from 'react-router';
import type { DataTrigger } from '../api/models';
import { useDeleteTrigger, useTriggers, useUpdateTrigger } from '../api/schedules';
import { EnabledBadge } from '../endpoints/EnabledBadge';
import { ConfirmDialog } from '../pipelines/ConfirmDialog';
import { ErrorMessage } from '../shared/ErrorMessage';
import { LastFireCell } from './LastFireCell';
import { TriggerForm } from './TriggerForm';

function TriggerRow({ trigger }: { trigger: DataTrigger }) {
  const update = useUpdateTrigger(trigger.id);
  const remove = useDeleteTrigger(trigger.id);
  const [confirming, setConfirming] = useState(false);
  const error = update.error ?? remove.error;
  return (
    <tr data-testid={`trigger-row-${trigger.name}`}>
      <td>
        <strong>{trigger.name}</strong>
        <div className="muted small">#{trigger.id}</div>
      </td>
      <td>
        <Link to={`/endpoints/${encodeURIComponent(trigger.endpoint)}`}>{trigger.endpoint}</Link>
        <div className="muted small">{trigger.version ? `v${trigger.version}` : 'default version'}</div>
      </td>
      <td>
        <code>
          {trigger.path}/{trigger.recursive ? '**/' : ''}
          {trigger.glob}
        </code>
        <div className="muted small">
          after {trigger.debounce_seconds} s quiet → <code>{trigger.paths_parameter}</code>
        </div>
      </td>
      <td>
        <LastFireCell lastFire={trigger.last_fire} />
      </td>
      <td>
        <EnabledBadge enabled={!trigger.paused} on="active" off="paused" />
      </td>
      <td className="row-actions">
        <button type="button" disabled={update.isPending} onClick={() => update.mutate({ paused: !trigger.paused })}>
          {trigger.paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" className="danger" onClick={() => setConfirming(true)} aria-label={`Delete trigger ${trigger.name}`}>
          Delete
        </button>
        {error && (
          <div className="form-error small" role="alert">
            {error.message}
          </div>
        )}
        {confirming && (
          <ConfirmDialog
            title={`Delete trigger ${trigger.name}?`}
            confirmLabel="Delete trigger"
            busy={remove.isPending}
            onCancel={() => setConfirming(false)}
            onConfirm={() => remove.mutate(undefined, { onSettled: () => setConfirming(false) })}
          >
            It stops watching the folder at once. The runs it started are kept.
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}

export function TriggersSection() {
  const triggers = useTriggers();
  const [creating, setCreating] = useState(false);
  return (
    <section aria-label="Data triggers">
      <div className="section-header">
        <p className="muted">A data trigger calls an endpoint when files arrive or change in a folder.</p>
        {!creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New data trigger
          </button>
        )}
      </div>
      {creating && <TriggerForm onDone={() => setCreating(false)} />}
      {triggers.isPending && <p className="page-loading">Loading data triggers…</p>}
      {triggers.isError && <ErrorMessage error={triggers.error} onRetry={() => void triggers.refetch()} />}
      {triggers.data && triggers.data.length === 0 && !creating && (
        <div className="empty-state">
          <p>No data triggers yet. One runs an endpoint each time new files land in a watched folder.</p>
        </div>
      )}
      {triggers.data && triggers.data.length > 0 && (
        <div className="table-scroll">
          <table className="data-table" data-testid="triggers-list">
            <thead>
              <tr>
                <th>Name</th>
                <th>Endpoint</th>
                <th>Watches</th>
                <th>Last firing</th>
                <th>State</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {triggers.data.map((trigger) => (
                <TriggerRow key={trigger.id} trigger={trigger} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
