// The owner's "SMTP change history" under the SMTP settings of an integration and of an offer generator, against the
// real audit routes: a save with its changed fields (names only — the password value is nowhere on the page or in
// any response), a test email with its outcome, refreshed after each without a reload; members get no history.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  api,
  CATCHER_SMTP_PORT,
  catcherSmtp,
  createIntegration,
  createProject,
  eventually,
  field,
  launch,
  must,
  openAs,
  RUN,
  shot,
  user,
} from './helpers.mjs';

const PASSWORD = `hist-${RUN}-Pa55word!`;
let browser;
let owner;
let project;

before(async () => {
  browser = await launch();
  owner = user('history-owner');
  project = await createProject(owner);
});

after(async () => {
  await browser?.close();
});

/** the history's rows, newest first: {what, who, fields: [audit names], labels: [as shown], outcome, from} */
async function historyRows(history) {
  return history.locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      what: tr.querySelector('[data-action]')?.getAttribute('data-action'),
      who: tr.children[2]?.textContent,
      fields: [...tr.querySelectorAll('[data-field]')].map((li) => li.getAttribute('data-field')),
      labels: [...tr.querySelectorAll('[data-field]')].map((li) => li.textContent),
      outcome: tr.querySelector('[data-outcome]')?.getAttribute('data-outcome') ?? null,
      from: tr.children[5]?.textContent,
    })),
  );
}

/** the password is in no field value, no markup, no web storage and no response (body or headers) of the page */
async function assertPasswordNowhere(s, password) {
  const { page } = s;
  const values = await page.evaluate(() => [...document.querySelectorAll('input, textarea, select')].map((e) => e.value));
  assert.ok(!values.some((v) => v.includes(password)), 'password in a field value');
  assert.ok(!(await page.content()).includes(password), 'password in the DOM');
  assert.ok(!(await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }))).includes(password));
  const responses = await s.settled();
  assert.ok(responses.some((r) => r.url.includes('/audit?limit=50')), 'the history was loaded');
  for (const r of responses) assert.ok(!r.body.includes(password) && !r.headers.includes(password), `password in the response of ${r.url}`);
}

test('integration: a save and a test email appear in the SMTP change history, field names only', async () => {
  const integ = await createIntegration(owner, project.projectUid, 'CONTACT_FORM');
  const s = await openAs(browser, owner, `/projects/${project.projectUid}/integrations/${integ.id}`);
  try {
    const { page } = s;
    const panel = page.getByTestId('smtp-panel');
    const history = panel.getByTestId('smtp-history');
    await history.getByRole('heading', { name: 'SMTP change history' }).waitFor();
    await history.getByText('Nothing recorded yet').waitFor();

    await field(panel, 'SMTP host').fill('127.0.0.1');
    await field(panel, 'Port').fill(String(CATCHER_SMTP_PORT));
    await field(panel, 'Security').selectOption('NONE');
    await field(panel, 'Username').fill(`hist-user-${RUN}`);
    await field(panel, 'Password').fill(PASSWORD);
    await field(panel, 'From address').fill(`history-${RUN}@example.test`);
    await panel.getByRole('button', { name: 'Save SMTP settings' }).click();
    await panel.getByRole('status').filter({ hasText: 'SMTP settings saved.' }).waitFor();

    // the same page, no reload: the save is listed with the names of the fields it changed
    const saved = history.locator('tbody tr').filter({ has: page.locator('[data-action=SAVED]') });
    await saved.waitFor();
    const [save] = await historyRows(history);
    assert.equal(save.what, 'SAVED');
    assert.equal(save.who, owner.email);
    for (const f of ['host', 'port', 'security', 'username', 'password', 'fromAddress']) assert.ok(save.fields.includes(f), `changed fields ${save.fields}`);
    for (const l of ['SMTP host', 'Port', 'Security', 'Username', 'Password', 'From address']) assert.ok(save.labels.includes(l), `shown ${save.labels}`);
    assert.equal(save.outcome, null, 'a save has no outcome');
    assert.match(await saved.locator('[data-field=password]').textContent(), /^Password$/, 'the password is named, not shown');
    assert.notEqual(save.from.trim(), '', 'the client address is shown');

    await panel.getByRole('button', { name: 'Send test email' }).click();
    await panel.getByTestId('test-ok').waitFor({ timeout: 40_000 });
    await history.locator('[data-action=TESTED]').waitFor();
    const rows = await historyRows(history);
    assert.deepEqual(rows.map((r) => r.what), ['TESTED', 'SAVED'], 'newest first');
    assert.equal(rows[0].outcome, 'SENT');
    assert.match(await history.locator('tbody tr').first().textContent(), /Sent/);

    await page.screenshot({ path: shot('smtp-history-integration'), fullPage: true });
    await assertPasswordNowhere(s, PASSWORD);

    // the page shows what the route says, and the route says the same as the API (nothing added, nothing lost)
    const audit = await must(200, api(owner.token, 'GET', `/api/v1/projects/${project.projectUid}/integrations/${integ.id}/outbound-mail/audit?limit=50`));
    assert.deepEqual(audit.map((e) => e.action), ['TESTED', 'SAVED']);
    assert.ok(!JSON.stringify(audit).includes(PASSWORD));
  } finally {
    await s.close();
  }
});

test('offer generator: a save (branding field names too) and a failing test with its code in the history', async () => {
  const gen = await eventually(async () => {
    const r = await api(owner.token, 'POST', `/api/v1/projects/${project.projectUid}/offer-generators`, {
      name: 'History offers',
      currency: 'EUR',
      basePriceMinor: 100,
      wizard: { steps: [{ id: 's', title: 'S', fields: [{ id: 'n', label: 'Note', type: 'TEXT', required: false }] }] },
    });
    return r.status === 201 ? r.json : null;
  }, { what: 'the generator (the offer service learns of the project from Kafka)' });
  const s = await openAs(browser, owner, `/projects/${project.projectUid}/offer-generators/${gen.id}`);
  try {
    const { page } = s;
    const panel = page.getByTestId('smtp-panel');
    const history = panel.getByTestId('smtp-history');
    await history.getByText('Nothing recorded yet').waitFor();
    await field(panel, 'SMTP host').fill('127.0.0.1');
    await field(panel, 'Port').fill(String(CATCHER_SMTP_PORT));
    await field(panel, 'Security').selectOption('NONE');
    await field(panel, 'Password').fill(PASSWORD);
    await field(panel, 'From address').fill(`offer-history-${RUN}@example.test`);
    await field(panel, 'Logo URL').fill('https://example.com/logo.png');
    await panel.getByRole('button', { name: 'Save SMTP settings' }).click();
    await panel.getByRole('status').filter({ hasText: 'SMTP settings saved.' }).waitFor();
    await history.locator('[data-action=SAVED]').waitFor();
    const [save] = await historyRows(history);
    // offer-generator-service names them smtp.host, …, branding.logoUrl: shown by the panel's labels all the same
    for (const l of ['SMTP host', 'Port', 'Security', 'Password', 'From address', 'Logo URL']) assert.ok(save.labels.includes(l), `shown ${save.labels} for ${save.fields}`);
    assert.ok(save.fields.includes('branding.logoUrl'), `changed fields ${save.fields}`);

    // a test against a closed port (with another password, typed, unsaved): the banner's code is the history's outcome
    const typed = `typed-${RUN}-Pa55!`;
    await field(panel, 'Port').fill('1');
    await field(panel, 'Password').fill(typed);
    await panel.getByRole('button', { name: 'Send test email' }).click();
    const alert = panel.locator('.test-outcome [role=alert]');
    await alert.waitFor({ timeout: 40_000 });
    const code = await alert.getAttribute('data-code');
    await history.locator('[data-action=TESTED]').waitFor();
    const rows = await historyRows(history);
    assert.equal(rows[0].what, 'TESTED');
    assert.equal(rows[0].outcome, code, 'the outcome is the test’s error code');
    assert.notEqual(rows[0].outcome, 'SENT');
    await field(panel, 'Password').fill('');
    await assertPasswordNowhere(s, PASSWORD);
    await assertPasswordNowhere(s, typed);
  } finally {
    await s.close();
  }
});

test('members get no SMTP change history (the route is owner-only) and the page does not ask for it', async () => {
  const member = user('history-member');
  const integ = await createIntegration(owner, project.projectUid, 'FORM');
  await must(200, api(owner.token, 'PATCH', `/api/v1/projects/${project.projectUid}/integrations/${integ.id}/config`, { outboundMail: catcherSmtp() }));
  await must(201, api(owner.token, 'POST', `/api/v1/projects/${project.projectUid}/members`, { userId: member.sub, email: member.email }));
  const auditPath = `/api/v1/projects/${project.projectUid}/integrations/${integ.id}/outbound-mail/audit?limit=50`;
  assert.equal((await api(member.token, 'GET', auditPath)).status, 403, 'the route refuses members');

  const s = await openAs(browser, member, `/projects/${project.projectUid}/integrations/${integ.id}`);
  try {
    const { page } = s;
    await page.getByTestId('smtp-panel').waitFor();
    await page.locator('#subscribers').waitFor();
    assert.equal(await page.getByTestId('smtp-history').count(), 0, 'no history for a member');
    assert.equal(await page.getByText('SMTP change history').count(), 0);
    const responses = await s.settled();
    assert.ok(!responses.some((r) => r.url.includes('/audit')), 'the member’s page never asks for the audit');
  } finally {
    await s.close();
  }
  // the owner's page has it
  const o = await openAs(browser, owner, `/projects/${project.projectUid}/integrations/${integ.id}`);
  try {
    await o.page.getByTestId('smtp-history').locator('[data-action=SAVED]').waitFor();
  } finally {
    await o.close();
  }
});
