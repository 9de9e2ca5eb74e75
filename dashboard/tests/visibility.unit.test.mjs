// src/visibility.ts without a browser or a stack: the source is transpiled with the project's TypeScript and
// imported, so the retry rules are checked on their own (the browser test in not-yet-visible.test.mjs shows them on
// a page).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { DASHBOARD_DIR } from './helpers.mjs';

const source = readFileSync(path.join(DASHBOARD_DIR, 'src/visibility.ts'), 'utf8');
const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
const v = await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`);

const notYet = (code = 'PROJECT_NOT_YET_VISIBLE', retryAfterSeconds = 1) => ({ ok: false, status: 503, problem: { status: 503, code, retryAfterSeconds } });
const ok = { ok: true, status: 200, data: [] };

test('a not-yet-visible answer is asked again after Retry-After until it succeeds, with a notice meanwhile', async () => {
  const answers = [notYet(), notYet('INTEGRATION_NOT_YET_VISIBLE', 2), ok];
  const slept = [];
  const seen = [];
  v.onVisibilityWait((w) => seen.push(w && v.waitingText(w)));
  const r = await v.retryWhileNotYetVisible('/api/v1/projects/p/integrations/i/market/products', async () => answers.shift(), async (ms) => {
    slept.push(ms);
  });
  assert.equal(r, ok);
  assert.deepEqual(slept, [1000, 2000]);
  assert.deepEqual(seen, [
    'Just created — waiting for it to reach the market service… (try 1 of 10)',
    'Just created — waiting for it to reach the market service… (try 2 of 10)',
    null,
  ]);
});

test('it gives up after ten tries and returns the last answer; other errors are not repeated', async () => {
  let calls = 0;
  const r = await v.retryWhileNotYetVisible('/api/v1/projects/p/offer-generators', async () => {
    calls++;
    return notYet();
  }, async () => {});
  assert.equal(calls, v.VISIBILITY_RETRIES + 1);
  assert.equal(r.problem.code, 'PROJECT_NOT_YET_VISIBLE');

  calls = 0;
  for (const other of [{ status: 404, code: 'PROJECT_NOT_FOUND' }, { status: 503, code: 'ENCRYPTION_KEY_MISSING' }]) {
    await v.retryWhileNotYetVisible('/x', async () => {
      calls++;
      return { ok: false, status: other.status, problem: other };
    }, async () => {});
  }
  assert.equal(calls, 2);
});

test('the wait follows Retry-After within bounds, and the notice names the service', () => {
  assert.equal(v.retryDelayMs({ status: 503, code: 'X_NOT_YET_VISIBLE' }), 1000);
  assert.equal(v.retryDelayMs({ status: 503, code: 'X_NOT_YET_VISIBLE', retryAfterSeconds: 0 }), 1000);
  assert.equal(v.retryDelayMs({ status: 503, code: 'X_NOT_YET_VISIBLE', retryAfterSeconds: 60 }), 5000);
  assert.equal(v.serviceOf('/api/v1/projects/p/offer-generators/g'), 'the offer generator service');
  assert.equal(v.serviceOf('/api/v1/market/i/orders'), 'the market service');
  assert.equal(v.isNotYetVisible({ status: 503, code: 'INTEGRATION_NOT_YET_VISIBLE' }), true);
  assert.equal(v.isNotYetVisible({ status: 404, code: 'INTEGRATION_NOT_YET_VISIBLE' }), false);
});
