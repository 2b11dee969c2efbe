/**
 * One shared one-second ticker for every live clock on screen (running nodes, the run header,
 * the timeline). It runs only while something subscribes with `active` set, so a finished run
 * costs no timers, and a hundred running nodes cost one.
 */
import { useSyncExternalStore } from 'react';

const TICK_MS = 1000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const notify of listeners) notify();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const noSubscription = () => () => undefined;
// While no timer runs, the reading is refreshed at most once a tick, so React sees a stable value.
function getNow(): number {
  if (timer === null && Date.now() - now >= TICK_MS) now = Date.now();
  return now;
}

/** The current time in ms, refreshed every second while `active`; the reading at render otherwise. */
export function useNow(active: boolean): number {
  return useSyncExternalStore(active ? subscribe : noSubscription, getNow, getNow);
}
