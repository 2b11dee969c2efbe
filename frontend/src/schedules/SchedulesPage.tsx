/**
 * /schedules — what runs by itself: schedules (timing in words, next firing in your time and the
 * schedule's zone, last firing) and, on the second tab, data triggers; each with its create form.
 * `?tab=triggers` picks the tab, `?new=schedule&endpoint=x` opens the form for an endpoint.
 */
import '../endpoints/endpoints.css';
import './schedules.css';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useSchedules } from '../api/schedules';
import { ErrorMessage } from '../shared/ErrorMessage';
import { ScheduleForm } from './ScheduleForm';
import { ScheduleRow } from './ScheduleRow';
import { TriggersSection } from './TriggersSection';

function SchedulesSection() {
  const [params, setParams] = useSearchParams();
  const schedules = useSchedules();
  const [created, setCreated] = useState<number | null>(null);
  const creating = params.get('new') === 'schedule';
  const setCreating = (on: boolean) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (on) next.set('new', 'schedule');
        else {
          next.delete('new');
          next.delete('endpoint');
        }
        return next;
      },
      { replace: true },
    );
  // "in 5 min" is measured from the latest answer, so it moves with each poll.
  const now = schedules.dataUpdatedAt;

  return (
    <section aria-label="Schedules">
      <div className="section-header">
        <p className="muted">Schedules call an endpoint at set times, as the person who created them.</p>
        {!creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New schedule
          </button>
        )}
      </div>
      {creating && (
        <ScheduleForm
          endpoint={params.get('endpoint') ?? ''}
          onDone={(schedule) => {
            setCreating(false);
            if (schedule) setCreated(schedule.id);
          }}
        />
      )}
      {schedules.isPending && <p className="page-loading">Loading schedules…</p>}
      {schedules.isError && <ErrorMessage error={schedules.error} onRetry={() => void schedules.refetch()} />}
      {schedules.data && schedules.data.length === 0 && !creating && (
        <div className="empty-state">
          <p>No schedules yet. A schedule runs a published endpoint every day at 09:00, every Monday, or on any cron timing.</p>
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New schedule
          </button>
        </div>
      )}
      {schedules.data && schedules.data.length > 0 && (
        <div className="table-scroll">
          <table className="data-table schedules-list" data-testid="schedules-list">
            <thead>
              <tr>
                <th>Name</th>
                <th>Endpoint</th>
                <th>Timing</th>
                <th>Next firing (your time)</th>
                <th>Last firing</th>
                <th>State</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {schedules.data.map((schedule) => (
                <ScheduleRow key={schedule.id} schedule={schedule} now={now} highlighted={schedule.id === created} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function SchedulesPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'triggers' ? 'triggers' : 'schedules';
  const show = (next: string) => setParams(next === 'triggers' ? { tab: 'triggers' } : {}, { replace: true });
  return (
    <div className="page wide-page schedules-page">
      <div className="page-header">
        <h1>Schedules</h1>
      </div>
      <div className="tabs page-tabs" role="tablist" aria-label="What runs by itself">
        <button type="button" role="tab" aria-selected={tab === 'schedules'} className={`tab ${tab === 'schedules' ? 'active' : ''}`} onClick={() => show('schedules')}>
          Schedules
        </button>
        <button type="button" role="tab" aria-selected={tab === 'triggers'} className={`tab ${tab === 'triggers' ? 'active' : ''}`} onClick={() => show('triggers')}>
          Data triggers
        </button>
      </div>
      <div role="tabpanel">{tab === 'schedules' ? <SchedulesSection /> : <TriggersSection />}</div>
    </div>
  );
}
