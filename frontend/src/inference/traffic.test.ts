import { describe, expect, it } from 'vitest';
import { allTo, checkTraffic, parseShare, trafficChanged, trafficDraft } from './traffic';

const deployments = [
  { name: 'blue', traffic: 80 },
  { name: 'green', traffic: 20 },
];

describe('traffic split', () => {
  it('reads whole percents from 0 to 100 only', () => {
    expect(parseShare(' 40 ')).toBe(40);
    expect(parseShare('100')).toBe(100);
    expect(parseShare('0')).toBe(0);
    for (const text of ['', '101', '-1', '2.5', '1e2', 'ten']) expect(parseShare(text)).toBeNull();
  });

  it('sends the shares when they add up to 100', () => {
    expect(checkTraffic({ blue: '30', green: '70' })).toEqual({ shares: { blue: 30, green: 70 }, errors: {}, total: 100, problem: null });
  });

  it('says by how much a split misses 100', () => {
    const check = checkTraffic({ blue: '30', green: '60' });
    expect(check.shares).toBeNull();
    expect(check.problem).toBe('The shares add up to 90%; they must add up to 100%.');
  });

  it('names the deployment whose share is not a percent, and says nothing of the sum then', () => {
    const check = checkTraffic({ blue: '30.5', green: '70' });
    expect(check).toMatchObject({ shares: null, errors: { blue: 'A whole number from 0 to 100.' }, total: 70, problem: null });
  });

  it('starts from the traffic now and knows when it changed', () => {
    const draft = trafficDraft(deployments);
    expect(draft).toEqual({ blue: '80', green: '20' });
    expect(trafficChanged(draft, deployments)).toBe(false);
    expect(trafficChanged(allTo('green', deployments), deployments)).toBe(true);
    expect(allTo('green', deployments)).toEqual({ blue: '0', green: '100' });
  });
});
