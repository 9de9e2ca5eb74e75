// Shared helpers of the dashboard's browser tests: dev tokens from ./mailoo token, setup through the gateway's API,
// the dev SMTP catcher's HTTP API, and headless Debian Chromium driven by playwright-core (no browser download).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DASHBOARD_DIR = path.resolve(here, '..');
export const ROOT = process.env.MAILOO_ROOT ?? path.resolve(DASHBOARD_DIR, '..');
export const GATEWAY = (process.env.MAILOO_GATEWAY_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
export const CATCHER_API = (process.env.MAILOO_CATCHER_API ?? 'http://127.0.0.1:3080').replace(/\/$/, '');
export const CATCHER_SMTP_PORT = Number(process.env.MAILOO_CATCHER_SMTP_PORT ?? 3025);
export const OUT = path.join(DASHBOARD_DIR, 'test-results');
mkdirSync(OUT, { recursive: true });

/** unique per run, so addresses at the catcher and names never collide with earlier runs */
export const RUN = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

export function unique(prefix) {
  return `${prefix}-${RUN}-${randomBytes(2).toString('hex')}`;
}

/** A user with a fresh address (the JWT email claim): {sub, email, token}. */
export function user(prefix, groups = ['user']) {
  const sub = unique(prefix);
  const email = `${sub}@example.test`;
  const token = execFileSync(path.join(ROOT, 'mailoo'), ['token', '--sub', sub, '--email', email, '--groups', groups.join(','), '--ttl', '7200'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  return { sub, email, token, groups };
}

export async function api(token, method, urlPath, body, headers = {}) {
  const res = await fetch(GATEWAY + urlPath, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, json, text };
}

export async function must(expected, promise) {
  const r = await promise;
  if (r.status !== expected) throw new Error(`expected HTTP ${expected}, got ${r.status}: ${r.text.slice(0, 300)}`);
  return r.json;
}

export async function createProject(u, name = unique('project')) {
  return must(201, api(u.token, 'POST', '/api/v1/projects', { name }));
}

export async function createIntegration(u, projectUid, type, name = unique(type.toLowerCase())) {
  return must(201, api(u.token, 'POST', `/api/v1/projects/${projectUid}/integrations`, { type, name }));
}

/** SMTP settings pointing at the dev catcher (local runs allow private hosts). */
export function catcherSmtp(extra = {}) {
  return {
    host: '127.0.0.1',
    port: CATCHER_SMTP_PORT,
    security: 'NONE',
    username: null,
    fromAddress: `shop-${RUN}@example.test`,
    fromName: 'UI test shop',
    replyTo: null,
    ...extra,
  };
}

export async function submitForm(publicKey, body) {
  return must(201, api(null, 'POST', `/api/v1/public/forms/${publicKey}/submissions`, body));
}

/** Messages the catcher holds for an address (none for an address it never received mail for). */
export async function catcherMessages(address) {
  const res = await fetch(`${CATCHER_API}/api/user/${encodeURIComponent(address)}/messages/`);
  if (res.status === 404) return [];
  // GreenMail's API answers an address it has no mailbox for with 400 {"message":"User '…' not found"}
  if (res.status === 400 && /not found/i.test(await res.clone().text())) return [];
  if (!res.ok) throw new Error(`catcher: HTTP ${res.status}`);
  return res.json();
}

/** Polls `fn` until it returns a truthy value (or throws after `timeoutMs`). */
export async function eventually(fn, { timeoutMs = 30_000, intervalMs = 250, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.MAILOO_CHROMIUM ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

/**
 * A page signed in through the #token= link. Every response (headers and body) is recorded in `responses`;
 * `settled()` waits for the bodies still being read. Console errors and failed requests are collected too.
 */
export async function openAs(browser, u, pagePath = '/', viewport = { width: 1440, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const responses = [];
  const pending = new Set();
  const consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('response', (r) => {
    const p = (async () => {
      let body = '';
      try {
        body = await r.text();
      } catch {
        body = '';
      }
      responses.push({ url: r.url(), status: r.status(), headers: JSON.stringify(await r.allHeaders().catch(() => ({}))), body });
    })();
    pending.add(p);
    p.finally(() => pending.delete(p));
  });
  await page.goto(`${GATEWAY}${pagePath}#token=${encodeURIComponent(u.token)}`);
  await page.locator('[data-testid=user-email]').waitFor();
  return {
    context,
    page,
    responses,
    consoleErrors,
    async settled() {
      while (pending.size) await Promise.all([...pending]);
      return responses;
    },
    async close() {
      await context.close();
    },
  };
}

export function shot(name) {
  return path.join(OUT, `${name}.png`);
}

/** A form field by its whole label (required fields' labels end in a " *" hidden from assistive technology). */
export function field(scope, label) {
  return scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`));
}
