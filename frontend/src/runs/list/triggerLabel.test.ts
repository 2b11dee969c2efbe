import { describe, expect, it } from 'vitest';
import { triggerLabel } from './triggerLabel';

describe('triggerLabel', () => {
  it('says what started a run', () => {
    expect(triggerLabel({ kind: 'manual' })).toBe('manual');
    expect(triggerLabel(undefined)).toBe('manual');
    expect(triggerLabel({ kind: 'endpoint', endpoint: 'nightly', version: 2 })).toBe('endpoint nightly v2');
    expect(triggerLabel({ kind: 'schedule', schedule: 3, endpoint: 'nightly', version: 2 })).toBe('schedule #3 (nightly v2)');
    expect(triggerLabel({ kind: 'schedule', schedule: 3 })).toBe('schedule #3');
    expect(triggerLabel({ kind: 'data', trigger: 5, endpoint: 'ingest' })).toBe('data trigger #5 (ingest)');
  });
});
