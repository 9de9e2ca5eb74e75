// Every call goes through the gateway (same origin) with the session's bearer token. Errors are RFC 9457
// problem+json with Mailoo's stable `code` and, for invalid input, `errors[{field, code, message}]`.

import { session } from './auth';
import { retryWhileNotYetVisible } from './visibility';

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export interface Problem {
  status: number;
  code: string;
  title?: string;
  detail?: string;
  errors?: FieldError[];
  /** seconds to wait, from a 429's or 503's `Retry-After` (delay-seconds or an HTTP date) */
  retryAfterSeconds?: number;
}

export type Result<T> = { ok: true; status: number; data: T } | { ok: false; status: number; problem: Problem };

type Listener = () => void;
const unauthorizedListeners: Listener[] = [];
export function onUnauthorized(l: Listener): void {
  unauthorizedListeners.push(l);
}

/**
 * One call through the gateway. A 503 *_NOT_YET_VISIBLE (a project or integration created a moment ago that the
 * called service has not heard of yet; nothing was done) is repeated after its Retry-After, a few times, while the
 * page says what it is waiting for (visibility.ts).
 */
export async function api<T>(method: string, path: string, body?: unknown, init?: RequestInit): Promise<Result<T>> {
  return retryWhileNotYetVisible(path, () => apiOnce<T>(method, path, body, init));
}

async function apiOnce<T>(method: string, path: string, body?: unknown, init?: RequestInit): Promise<Result<T>> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  const s = session();
  if (s) headers.Authorization = `Bearer ${s.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
      ...init,
    });
  } catch {
    return {
      ok: false,
      status: 0,
      problem: { status: 0, code: 'NETWORK_ERROR', detail: 'The gateway could not be reached. Is ./mailoo up running?' },
    };
  }
  const text = await res.text();
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (res.ok) return { ok: true, status: res.status, data: json as T };
  const p = (json && typeof json === 'object' ? json : {}) as Partial<Problem>;
  const problem: Problem = {
    status: res.status,
    code: typeof p.code === 'string' ? p.code : `HTTP_${res.status}`,
    title: p.title,
    detail: typeof p.detail === 'string' ? p.detail : undefined,
    errors: Array.isArray(p.errors) ? p.errors : [],
    retryAfterSeconds: retryAfter(res.headers.get('Retry-After')),
  };
  if (res.status === 401) unauthorizedListeners.forEach((l) => l());
  return { ok: false, status: res.status, problem };
}

/** `Retry-After` as seconds from now: delay-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent. */
export function retryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

export const enc = encodeURIComponent;
