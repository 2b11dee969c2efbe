/** One schedule in the list: timing in words, next and last firing, pause/resume, run now, delete. */
import { useState } from 'react';
import { Link } from 'react-router';
import type { Schedule } from '../api/models';
import { useDeleteSchedule, useRunScheduleNow, useUpdateSchedule } from '../api/schedules';
import { EnabledBadge } from '../endpoints/EnabledBadge';
import { ConfirmDialog } from '../pipelines/ConfirmDialog';
import { LastFireCell } from './LastFireCell';
import { formatInstant, formatUntil, timingInWords } from './timingWords';

function NextFiring({ schedule, now }: { schedule: Schedule; now: number }) {
  if (schedule.paused) return <span className="muted">paused</span>;
  if (!schedule.next_fire_at) return <span className="muted">none (ended)</span>;
  const local = formatInstant(schedule.next_fire_at);
  const zoned = formatInstant(schedule.next_fire_at, schedule.time_zone);
  return (
    <div className="next-fire" data-testid={`schedule-next-${schedule.id}`}>
      <span>{local}</span> <span className="muted">({formatUntil(schedule.next_fire_at, now)})</span>
      {zoned !== local && (
        <div className="muted small">
          {zoned} {schedule.time_zone}
        </div>
      )}
    </div>
  );
}

export function ScheduleRow({ schedule, now, highlighted }: { schedule: Schedule; now: number; highlighted: boolean }) {
  const update = useUpdateSchedule(schedule.id);
  const runNow = useRunScheduleNow(schedule.id);
  const remove = useDeleteSchedule(schedule.id);
  const [confirming, setConfirming] = useState(false);
  const error = update.error ?? runNow.error ?? remove.error;

  return (
    <tr id={`schedule-${schedule.id}`} data-testid={`schedule-row-${schedule.name}`} className={highlighted ? 'highlighted' : undefined}>
      <td>
        <strong>{schedule.name}</strong>
        <div className="muted small">#{schedule.id}</div>
      </td>
      <td>
        <Link to={`/endpoints/${encodeURIComponent(schedule.endpoint)}`}>{schedule.endpoint}</Link>
        <div className="muted small">{schedule.version ? `v${schedule.version}` : 'default version'}</div>
      </td>
      <td>{timingInWords(schedule)}</td>
      <td>
        <NextFiring schedule={schedule} now={now} />
      </td>
      <td>
        <LastFireCell lastFire={schedule.last_fire} />
      </td>
      <td>
        <EnabledBadge enabled={!schedule.paused} on="active" off="paused" />
      </td>
      <td className="row-actions">
        <button type="button" disabled={update.isPending} onClick={() => update.mutate({ paused: !schedule.paused })}>
          {schedule.paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" disabled={runNow.isPending} onClick={() => runNow.mutate()}>
          Run now
        </button>
        <button type="button" className="danger" onClick={() => setConfirming(true)} aria-label={`Delete schedule ${schedule.name}`}>
          Delete
        </button>
        {runNow.data && (
          <div className="small form-success" role="status">
            Started <Link to={`/runs/${runNow.data.run_id}`}>run #{runNow.data.run_id}</Link>
          </div>
        )}
        {error && (
          <div className="form-error small" role="alert">
            {error.message}
          </div>
        )}
        {confirming && (
          <ConfirmDialog
            title={`Delete schedule ${schedule.name}?`}
            confirmLabel="Delete schedule"
            busy={remove.isPending}
            onCancel={() => setConfirming(false)}
            onConfirm={() => remove.mutate(undefined, { onSettled: () => setConfirming(false) })}
          >
            It stops firing at once. The runs it started are kept.
          </ConfirmDialog>
        )}
      </td>
    </tr>
  );
}
