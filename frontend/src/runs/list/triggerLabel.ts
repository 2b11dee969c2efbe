/** What started a run, in words: "manual", "endpoint nightly v2", "schedule #3", "data trigger #5". Pure. */
import type { RunTrigger, RunTriggerKind } from '../../api/models';

export const TRIGGER_KIND_LABELS: Record<RunTriggerKind, string> = {
  manual: 'Manual',
  endpoint: 'Endpoint call',
  schedule: 'Schedule',
  data: 'Data trigger',
};

function endpointPart(trigger: RunTrigger): string {
  if (!trigger.endpoint) return '';
  return trigger.version != null ? ` (${trigger.endpoint} v${trigger.version})` : ` (${trigger.endpoint})`;
}

export function triggerLabel(trigger: RunTrigger | null | undefined): string {
  if (!trigger) return 'manual';
  switch (trigger.kind) {
    case 'endpoint':
      return `endpoint ${trigger.endpoint ?? '?'}${trigger.version != null ? ` v${trigger.version}` : ''}`;
    case 'schedule':
      return `schedule #${trigger.schedule ?? '?'}${endpointPart(trigger)}`;
    case 'data':
      return `data trigger #${trigger.trigger ?? '?'}${endpointPart(trigger)}`;
    default:
      return 'manual';
  }
}
