/** An endpoint's or a schedule's state as a small pill. */
export function EnabledBadge({ enabled, on = 'enabled', off = 'disabled' }: { enabled: boolean; on?: string; off?: string }) {
  return <span className={`state-pill ${enabled ? 'state-on' : 'state-off'}`}>{enabled ? on : off}</span>;
}
