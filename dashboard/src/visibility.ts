// Read-your-writes across services: market- and offer-generator-service learn of a project or integration from
// Kafka a moment after integration-service created it. Until then they answer 503 PROJECT_NOT_YET_VISIBLE /
// INTEGRATION_NOT_YET_VISIBLE with Retry-After (the request did nothing), and the page waits and asks again.

import type { Problem } from './api';

/** How often a not-yet-visible answer is asked again before the page shows it (about ten seconds in all). */
export const VISIBILITY_RETRIES = 10;
/** A Retry-After larger than this is not waited for in full between two tries. */
const MAX_WAIT_SECONDS = 5;

export function isNotYetVisible(p: Problem): boolean {
  return p.status === 503 && /_NOT_YET_VISIBLE$/.test(p.code);
}

/** Milliseconds to wait before the next try: the answer's Retry-After (1 s without one), at most 5 s. */
export function retryDelayMs(p: Problem): number {
  const s = p.retryAfterSeconds === undefined || p.retryAfterSeconds <= 0 ? 1 : p.retryAfterSeconds;
  return Math.min(s, MAX_WAIT_SECONDS) * 1000;
}

/** The service a path belongs to, as the waiting notice names it. */
export function serviceOf(path: string): string {
  if (/\/market(\/|$)/.test(path)) return 'the market service';
  if (/\/offer-generators(\/|$|\?)/.test(path)) return 'the offer generator service';
  return 'the other services';
}

export interface Waiting {
  service: string;
  attempt: number;
  of: number;
}

type Listener = (w: Waiting | null) => void;
const listeners: Listener[] = [];
const waiting = new Map<number, Waiting>();
let nextId = 0;

/** Hears the current wait (the latest of those in progress), or null when none is left. */
export function onVisibilityWait(l: Listener): void {
  listeners.push(l);
}

/**
 * Runs `call` and, while it answers not-yet-visible, waits Retry-After and calls again, at most
 * VISIBILITY_RETRIES times; the last answer is returned whatever it is.
 */
export async function retryWhileNotYetVisible<R extends { ok: boolean; problem?: Problem }>(
  path: string,
  call: () => Promise<R>,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<R> {
  const id = nextId++;
  try {
    for (let attempt = 1; ; attempt++) {
      const r = await call();
      if (r.ok || !r.problem || !isNotYetVisible(r.problem) || attempt > VISIBILITY_RETRIES) return r;
      waiting.set(id, { service: serviceOf(path), attempt, of: VISIBILITY_RETRIES });
      notify();
      await sleep(retryDelayMs(r.problem));
    }
  } finally {
    if (waiting.delete(id)) notify();
  }
}

function notify(): void {
  const all = [...waiting.values()];
  const current = all.length ? all[all.length - 1] : null;
  listeners.forEach((l) => l(current));
}

export function waitingText(w: Waiting): string {
  return `Just created — waiting for it to reach ${w.service}… (try ${w.attempt} of ${w.of})`;
}
