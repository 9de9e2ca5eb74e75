// The operators' live dispatch log: visible for the JWT group "operator" only; status, purpose, profile, error
// code and SMTP reply; filterable by status and profile; new results appear without a reload.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  api,
  catcherSmtp,
  createIntegration,
  createProject,
  eventually,
  GATEWAY,
  launch,
  must,
  openAs,
  shot,
  submitForm,
  unique,
  user,
} from './helpers.mjs';

let browser;
let owner;
let project;
let integ;
let messageId;

async function replyAndWaitSent() {
  const base = `/api/v1/projects/${project.projectUid}/integrations/${integ.id}/messages/${messageId}/replies`;
  const r = await must(202, api(owner.token, 'POST', base, { subject: 'Re: log', text: 'hello' }));
  await eventually(async () => {
    const list = await must(200, api(owner.token, 'GET', base));
    return list.find((x) => x.replyId === r.replyId && x.status === 'SENT');
  }, { what: 'the reply to be SENT', timeoutMs: 60_000 });
  return r.replyId;
}

before(async () => {
  browser = await launch();
  owner = user('log-owner');
  project = await createProject(owner);
  integ = await createIntegration(owner, project.projectUid, 'CONTACT_FORM');
  await must(200, api(owner.token, 'PATCH', `/api/v1/projects/${project.projectUid}/integrations/${integ.id}/config`, { outboundMail: catcherSmtp() }));
  messageId = (await submitForm(integ.publicKey, { email: `${unique('log-visitor')}@example.test`, name: 'L', message: 'log me', fields: {} })).id;
  await replyAndWaitSent();
});

after(async () => {
  await browser?.close();
});

test('a plain user has no dispatch log: no link, and the page says it is for operators', async () => {
  const s = await openAs(browser, user('plain'), '/');
  try {
    const { page } = s;
    await page.getByRole('heading', { name: 'Projects', level: 1 }).waitFor();
    assert.equal(await page.getByTestId('nav-dispatch').count(), 0);
    await page.goto(`${GATEWAY}/operator/dispatch`);
    await page.getByRole('alert').filter({ hasText: 'for operators only' }).waitFor();
    assert.equal(await page.locator('table').count(), 0);
  } finally {
    await s.close();
  }
});

test('an operator sees the live log, filtered by profile and status', async () => {
  const operator = user('operator', ['user', 'operator']);
  const s = await openAs(browser, operator, '/');
  try {
    const { page } = s;
    await page.getByTestId('nav-dispatch').click();
    await page.getByRole('heading', { name: 'Dispatch log', level: 1 }).waitFor();
    const ref = `integration:${integ.id}`;
    await page.getByLabel('Profile').fill(ref);
    await page.getByLabel('Status').selectOption('SENT');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    assert.match(page.url(), /status=SENT/);
    const rows = page.locator('.dispatch-log tbody tr');
    await eventually(async () => (await rows.count()) === 1 && (await rows.first().textContent()).includes(ref), { what: 'one SENT row of the profile' });
    const row = await rows.first().textContent();
    assert.match(row, /INBOUND_REPLY/);
    assert.match(row, /250/, 'the SMTP reply is shown');
    assert.equal(await rows.first().locator('[data-testid=dispatch-status]').getAttribute('data-status'), 'SENT');
    await page.evaluate(() => {
      window.__sameDocument = true;
    });

    // live: a new result shows up without reloading
    await replyAndWaitSent();
    await eventually(async () => (await rows.count()) === 2, { what: 'the second reply in the live log', timeoutMs: 20_000 });
    assert.equal(await page.evaluate(() => window.__sameDocument), true);
    for (const r of await rows.all()) assert.ok((await r.textContent()).includes(ref));

    // since: a time after both replies shows none of them; the filter is kept in the address
    await page.getByLabel('Status').selectOption('SENT');
    await page.getByLabel('Since (your local time)').fill('2099-01-01T00:00');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await page.getByText('No messages match.').waitFor();
    assert.match(decodeURIComponent(page.url()), /since=2099-01-01T/);
    await page.getByLabel('Since (your local time)').fill('');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await rows.first().waitFor();
    await page.getByLabel('Status').selectOption('FAILED');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await page.getByText('No messages match.').waitFor();

    // a malformed profile lands on its field, with focus, and live refreshes do not steal focus afterwards
    await page.getByLabel('Profile').fill('nope');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await page.locator('input[name=profileRef][aria-invalid=true]').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'profileRef');
    assert.match(await page.locator('.field-profileRef .field-error').textContent(), /integration:\{id\}/);
    await page.getByLabel('Status').focus();
    await page.waitForResponse((r) => r.url().includes('/api/v1/dispatch/messages'));
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'status', 'a live refresh keeps focus');
    await page.getByLabel('Profile').fill(ref);

    await page.setViewportSize({ width: 360, height: 800 });
    await page.getByLabel('Status').selectOption('');
    await page.getByRole('button', { name: 'Apply filter' }).click();
    await rows.first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the log scrolls sideways by ${overflow} px at 360 px`);
    await page.screenshot({ path: shot('dispatch-log-360'), fullPage: true });
    // the 400 above is logged by the browser as a failed resource; nothing else may be
    assert.deepEqual(s.consoleErrors.filter((e) => !e.startsWith('Failed to load resource')), []);
  } finally {
    await s.close();
  }
});
