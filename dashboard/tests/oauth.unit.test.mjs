// src/oauthFlow.ts without a browser or a stack (transpiled with the project's TypeScript): the connect flow's
// one-use sessionStorage entry, the callback's answer, the button names and the "lower only" limits. The browser
// test oauth-connect.test.mjs shows the whole flow against the dev OAuth2 server.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { DASHBOARD_DIR } from './helpers.mjs';

const source = readFileSync(path.join(DASHBOARD_DIR, 'src/oauthFlow.ts'), 'utf8');
const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
const f = await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`);

class MemoryStorage {
  constructor() { this.m = new Map(); }
  getItem(k) { return this.m.has(k) ? this.m.get(k) : null; }
  setItem(k, v) { this.m.set(k, String(v)); }
  removeItem(k) { this.m.delete(k); }
}

const COMPLETE = '/api/v1/projects/p-1/integrations/i-1/outbound-mail/oauth/complete';
const pending = (over = {}) => ({ completePath: COMPLETE, returnTo: '/projects/p-1/integrations/i-1', provider: 'MICROSOFT', startedAt: 1_000_000, ...over });

test('the pending entry is read once, and only while it is fresh', () => {
  const s = new MemoryStorage();
  f.savePending(s, pending());
  assert.deepEqual(f.takePending(s, 1_000_000 + 60_000), pending());
  assert.equal(f.takePending(s, 1_000_000 + 60_000), null, 'a second callback finds nothing');
  f.savePending(s, pending());
  assert.equal(f.takePending(s, 1_000_000 + f.PENDING_MAX_AGE_MS + 1), null, 'older than the state (10 minutes)');
  assert.equal(s.getItem(f.PENDING_KEY), null, 'a stale entry is removed too');
});

test('a pending entry that would POST elsewhere or return to another site is refused', () => {
  const s = new MemoryStorage();
  for (const bad of [
    { completePath: 'https://evil.test/api/v1/projects/p/integrations/i/outbound-mail/oauth/complete' },
    { completePath: '/api/v1/projects/p-1/integrations/i-1/config' },
    { completePath: '/api/v1/projects/p-1/integrations/../../admin/outbound-mail/oauth/complete/x' },
    { returnTo: '//evil.test/x' },
    { returnTo: 'https://evil.test/' },
    { returnTo: 'javascript:alert(1)' },
    { returnTo: '/\\evil.test' },
    { provider: 'FACEBOOK' },
    { startedAt: 'yesterday' },
  ]) {
    s.setItem(f.PENDING_KEY, JSON.stringify(pending(bad)));
    assert.equal(f.takePending(s, 1_000_001), null, JSON.stringify(bad));
  }
  s.setItem(f.PENDING_KEY, '{not json');
  assert.equal(f.takePending(s, 1_000_001), null);
  const offer = '/api/v1/projects/p-1/offer-generators/g-1/mail-settings/oauth/complete';
  f.savePending(s, pending({ completePath: offer }));
  assert.equal(f.takePending(s, 1_000_001)?.completePath, offer, 'an offer generator’s route is one of ours');
  f.savePending(s, pending({ label: 'x'.repeat(500) }));
  assert.equal(f.takePending(s, 1_000_001)?.label, undefined, 'an oversized label is dropped');
});

test('the callback answer: code and state, or the provider’s error', () => {
  assert.deepEqual(f.callbackParams('?code=abc&state=xyz'), { code: 'abc', state: 'xyz', error: null, errorDescription: null });
  const denied = f.callbackParams('?error=access_denied&error_description=The+user+declined&state=xyz');
  assert.equal(denied.error, 'access_denied');
  assert.equal(denied.errorDescription, 'The user declined');
  assert.equal(f.callbackParams('?code=&state=').code, null, 'empty is absent');
  assert.match(f.callbackErrorSentence('access_denied', 'Microsoft').sentence, /refused at Microsoft.*nothing was connected/);
  assert.match(f.callbackErrorSentence('weird_error').sentence, /weird_error/);
});

const presets = [
  { id: 'MICROSOFT_365', name: 'Microsoft 365', host: 'smtp.office365.com', port: 587, security: 'STARTTLS', login: 'OAUTH2', oauthProvider: 'MICROSOFT', available: true, limits: { maxConnections: 3, messagesPerMinute: 30, recipientsPerDay: 10000 } },
  { id: 'OUTLOOK_COM', name: 'Outlook.com', host: 'smtp-mail.outlook.com', port: 587, security: 'STARTTLS', login: 'OAUTH2', oauthProvider: 'MICROSOFT', available: true, limits: null },
  { id: 'GOOGLE_WORKSPACE', name: 'Google Workspace / Gmail', host: 'smtp.gmail.com', port: 587, security: 'STARTTLS', login: 'OAUTH2', oauthProvider: 'GOOGLE', available: false, limits: { maxConnections: null, messagesPerMinute: null, recipientsPerDay: 2000 } },
  { id: 'GENERIC_OAUTH2', name: 'Acme SSO', host: null, port: null, security: null, login: 'OAUTH2', oauthProvider: 'GENERIC', available: true, limits: null },
  { id: 'AMAZON_SES', name: 'Amazon SES', host: 'email-smtp.eu-west-1.amazonaws.com', port: 587, security: 'STARTTLS', login: 'PASSWORD', oauthProvider: null, available: true, limits: null },
];

test('one connect button per available provider, named after it (GENERIC after the operator’s name)', () => {
  const buttons = f.connectableProviders(presets);
  assert.deepEqual(buttons.map((b) => b.label), ['Connect with Microsoft', 'Connect with Acme SSO']);
  assert.equal(buttons[0].preset.id, 'MICROSOFT_365', 'the first preset of a provider is the one applied');
  assert.ok(!buttons.some((b) => b.provider === 'GOOGLE'), 'a provider without an OAuth app is not offered');
  assert.equal(f.connectLabel('GOOGLE'), 'Connect with Google');
});

test('limits may be lowered, never raised above the provider’s, and must be whole numbers', () => {
  const max = presets[0].limits;
  assert.deepEqual(f.limitProblems({ maxConnections: '2', messagesPerMinute: '30', recipientsPerDay: '' }, max, 'Microsoft 365'), []);
  const over = f.limitProblems({ maxConnections: '4', messagesPerMinute: '31', recipientsPerDay: '10001' }, max, 'Microsoft 365');
  assert.deepEqual(over.map((p) => p.field), ['maxConnections', 'messagesPerMinute', 'recipientsPerDay']);
  assert.match(over[0].message, /At most 3 for Microsoft 365/);
  assert.deepEqual(f.limitProblems({ maxConnections: '0' }, max).map((p) => p.field), ['maxConnections']);
  assert.deepEqual(f.limitProblems({ messagesPerMinute: '1.5' }, null).map((p) => p.field), ['messagesPerMinute']);
  assert.deepEqual(f.limitProblems({ recipientsPerDay: '999999' }, null), [], 'no preset: no cap here (dispatch has defaults)');
  assert.equal(f.limitsBody({ maxConnections: '', messagesPerMinute: ' ', recipientsPerDay: '' }), null, 'nothing typed: nothing sent');
  assert.deepEqual(f.limitsBody({ maxConnections: '2', messagesPerMinute: '', recipientsPerDay: '500' }), { maxConnections: 2, messagesPerMinute: null, recipientsPerDay: 500 });
});

test('only local pages are return targets', () => {
  assert.ok(f.isLocalPath('/projects/p/integrations/i'));
  for (const bad of ['//x.test', 'http://x.test', '', 'projects', '/\\x.test', '/a b']) assert.ok(!f.isLocalPath(bad), bad);
});
