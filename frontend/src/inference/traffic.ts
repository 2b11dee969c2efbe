/**
 * The traffic split as typed in the editor: one text per deployment, checked the way the server
 * checks it (whole percents from 0 to 100, adding up to 100) before anything is sent. Pure.
 */
import type { Deployment } from '../api/models';

/** The text of each deployment's share, by deployment name. */
export type TrafficDraft = Record<string, string>;

export interface TrafficCheck {
  /** The shares to send, when every text is a share and they add up to 100. */
  shares: Record<string, number> | null;
  /** A problem per deployment whose text is not a share. */
  errors: Record<string, string>;
  /** The sum of the texts that are shares. */
  total: number;
  /** What is wrong with the split as a whole, when each share is fine. */
  problem: string | null;
}

export function trafficDraft(deployments: readonly Pick<Deployment, 'name' | 'traffic'>[]): TrafficDraft {
  return Object.fromEntries(deployments.map((deployment) => [deployment.name, String(deployment.traffic)]));
}

/** A whole percent from 0 to 100, or null. */
export function parseShare(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value <= 100 ? value : null;
}

export function checkTraffic(draft: TrafficDraft): TrafficCheck {
  const errors: Record<string, string> = {};
  const shares: Record<string, number> = {};
  let total = 0;
  for (const [name, text] of Object.entries(draft)) {
    const share = parseShare(text);
    if (share === null) errors[name] = 'A whole number from 0 to 100.';
    else {
      shares[name] = share;
      total += share;
    }
  }
  const valid = Object.keys(errors).length === 0;
  const problem = valid && total !== 100 ? `The shares add up to ${total}%; they must add up to 100%.` : null;
  return { shares: valid && problem === null ? shares : null, errors, total, problem };
}

/** Whether the draft says anything else than the deployments' traffic now. */
export function trafficChanged(draft: TrafficDraft, deployments: readonly Pick<Deployment, 'name' | 'traffic'>[]): boolean {
  return deployments.some((deployment) => parseShare(draft[deployment.name] ?? '') !== deployment.traffic);
}

/** All of it to one deployment: what "blue/green" switching usually is. */
export function allTo(name: string, deployments: readonly Pick<Deployment, 'name'>[]): TrafficDraft {
  return Object.fromEntries(deployments.map((deployment) => [deployment.name, deployment.name === name ? '100' : '0']));
}
