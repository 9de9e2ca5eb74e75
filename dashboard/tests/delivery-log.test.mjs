// Issue 16, item 1: the delivery log of an integration on its page, live. Replies go to an SMTP port where nothing
// listens, so dispatch defers them; the owner points the settings at the dev catcher, retries one now (it is sent,
// with both attempts in the log) and cancels the other (it never reaches the catcher, and the reply shows it).
// A member sees the same log without the owner's buttons.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import {
  api,
  catcherMessages,
  catcherSmtp,
  createIntegration,
  createProject,
  eventually,
  launch,
  must,
  openAs,
  RUN,
  shot,
  submitForm,
  unique,
  user,
} from './helpers.mjs';

let browser;
let owner;
let member;
let project;

/** a loopback port nothing listens on (bound, then closed): connecting is refused, so dispatch defers */
async function deadPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

before(async () => {
  browser = await launch();
  owner = user('log-owner');
  member = user('log-member');
  project = await createProject(owner);
  await must(201, api(owner.token, 'POST', `/api/v1/projects/${project.projectUid}/members`, { userId: member.sub, email: member.email }));
});

after(async () => {
  await browser?.close();
});

test('delivery log: a deferred reply retried now is sent, another cancelled never leaves, live on the integration page', async () => {
  const integ = await createIntegration(owner, project.projectUid, 'CONTACT_FORM');
  const base = `/api/v1/projects/${project.projectUid}/integrations/${integ.id}`;
  await must(200, api(owner.token, 'PATCH', `${base}/config`, { outboundMail: catcherSmtp({ port: await deadPort() }) }));

  const retried = `${unique('retried')}@example.test`;
  const cancelled = `${unique('cancelled')}@example.test`;
  for (const email of [retried, cancelled]) await submitForm(integ.publicKey, { email, name: 'Visitor', message: `Hello from ${RUN}`, fields: {} });
  const inbound = await must(200, api(owner.token, 'GET', `${base}/messages`));
  for (const email of [retried, cancelled]) {
    const m = inbound.find((x) => x.email === email);
    await must(202, api(owner.token, 'POST', `${base}/messages/${m.id}/replies`, { subject: `Re: ${email}`, text: 'Thanks!' }));
  }

  const s = await openAs(browser, owner, `/projects/${project.projectUid}/integrations/${integ.id}`);
  try {
    const { page } = s;
    await page.evaluate(() => {
      window.__sameDocument = true;
    });
    const log = page.locator('#delivery-log');
    const row = (email) => log.locator('tr').filter({ hasText: email });
    const status = (email) => row(email).locator('[data-testid=delivery-log-status]');
    // both are deferred (connection refused), seen live without a reload
    for (const email of [retried, cancelled]) await status(email).and(page.locator('[data-status=DEFERRED]')).waitFor({ timeout: 60_000 });
    assert.match(await row(retried).textContent(), /SMTP_CONNECT_FAILED/);
    assert.match(await row(retried).textContent(), /could not connect/i, 'the code comes with its sentence');
    await page.screenshot({ path: shot('delivery-log-deferred'), fullPage: true });

    // the owner fixes the settings (the catcher) and retries one now: it is sent at once, not at its next attempt
    await must(200, api(owner.token, 'PATCH', `${base}/config`, { outboundMail: catcherSmtp() }));
    await row(retried).getByRole('button', { name: 'Retry now' }).click();
    await status(retried).and(page.locator('[data-status=SENT]')).waitFor({ timeout: 30_000 });
    const attempts = row(retried).locator('[data-testid=attempt]');
    await row(retried).locator('summary').click();
    const seen = await attempts.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    assert.equal(seen[0], 'DEFERRED');
    assert.equal(seen.at(-1), 'SENT');
    const mails = await eventually(() => catcherMessages(retried).then((m) => (m.length ? m : null)), { what: 'the retried reply' });
    assert.equal(mails.length, 1);

    // the other one is cancelled before its next attempt: CANCELLED in the log and on the reply, never at the catcher
    await row(cancelled).getByRole('button', { name: 'Cancel' }).click();
    await status(cancelled).and(page.locator('[data-status=CANCELLED]')).waitFor({ timeout: 30_000 });
    assert.equal(await row(cancelled).getByRole('button', { name: 'Cancel' }).count(), 0, 'nothing left to cancel');
    assert.equal(await row(cancelled).getByRole('button', { name: 'Retry now' }).count(), 0);
    const reply = page.locator('article.message').filter({ hasText: cancelled }).locator('[data-testid=reply-status]');
    await page.reload();
    await reply.and(page.locator('[data-status=CANCELLED]')).waitFor({ timeout: 30_000 });
    assert.match(await reply.textContent(), /Cancelled/);
    const entries = await must(200, api(owner.token, 'GET', `${base}/delivery/messages?status=CANCELLED`));
    assert.deepEqual(entries.messages.map((m) => m.recipients[0]), [cancelled]);
    assert.equal(entries.messages[0].cancel.outcome, 'CANCELLED');
    // its next attempt would have been due within 30 s of the last one: wait past it, the catcher still has nothing
    const deferrals = entries.messages[0].attempts.filter((a) => a.status === 'DEFERRED' && a.nextAttemptAt);
    const formerNext = deferrals.length ? Date.parse(deferrals.at(-1).nextAttemptAt) : 0;
    await eventually(async () => Date.now() > formerNext + 2000, {
      timeoutMs: 45_000,
      intervalMs: 1000,
      what: 'the cancelled mail’s former next attempt to pass',
    });
    assert.equal((await catcherMessages(cancelled)).length, 0, 'a cancelled mail never leaves');

    // the filter: only the cancelled one
    const filter = page.locator('#delivery-log form');
    await filter.getByLabel('Status').selectOption('CANCELLED');
    await filter.getByRole('button', { name: 'Apply filter' }).click();
    await eventually(async () => (await log.locator('[data-testid=delivery-log-status]').count()) === 1, { what: 'the filtered log' });
    await status(cancelled).waitFor();
    await page.screenshot({ path: shot('delivery-log-cancelled'), fullPage: true });
    assert.deepEqual(s.consoleErrors, []);
  } finally {
    await s.close();
  }

  // a member reads the same log, without the owner's buttons
  const m = await openAs(browser, member, `/projects/${project.projectUid}/integrations/${integ.id}`);
  try {
    const log = m.page.locator('#delivery-log');
    await log.locator('tr').filter({ hasText: retried }).locator('[data-testid=delivery-log-status][data-status=SENT]').waitFor();
    await log.locator('tr').filter({ hasText: cancelled }).locator('[data-testid=delivery-log-status][data-status=CANCELLED]').waitFor();
    assert.equal(await log.locator('[data-action=retry], [data-action=cancel]').count(), 0, 'members do not act');
  } finally {
    await m.close();
  }

  // a stranger gets nothing through the gateway, never 403: 404, or — while the project id is younger than
  // PROJECTION_GRACE — the 503 every caller gets for so new an id (it says nothing about the project)
  const stranger = user('log-stranger');
  const r = await api(stranger.token, 'GET', `${base}/delivery/messages`);
  const expected = { 404: 'PROJECT_NOT_FOUND', 503: 'PROJECT_NOT_YET_VISIBLE' };
  assert.equal(r.json?.code, expected[r.status], r.text);
  if (Date.now() - Date.parse(project.createdAt) > 40_000) assert.equal(r.status, 404, 'past the grace: not found');
  assert.equal((await api(null, 'GET', `${base}/delivery/messages`)).status, 401);
});

test('delivery log on an offer generator: its offer mail live, and the owner lifts a suppressed address', async () => {
  const gen = await eventually(async () => {
    const r = await api(owner.token, 'POST', `/api/v1/projects/${project.projectUid}/offer-generators`, {
      name: unique('logged-offers'),
      currency: 'EUR',
      basePriceMinor: 1000,
      wizard: { steps: [{ id: 's', title: 'S', fields: [{ id: 'n', label: 'Note', type: 'TEXT', required: false }] }] },
    });
    return r.status === 201 ? r.json : null;
  }, { what: 'offer-generator-service to know the project' });
  await must(200, api(owner.token, 'PUT', `/api/v1/projects/${project.projectUid}/offer-generators/${gen.id}/mail-settings`, { smtp: catcherSmtp() }));
  const customer = `${unique('offer-customer')}@example.test`;
  await must(201, api(null, 'POST', `/api/v1/public/offer-generators/${gen.id}/submissions`, { answers: { n: 'hi' }, customer: { email: customer, name: 'Olga' } }));

  // a local catcher never refuses a recipient, so the list is played in the browser (the refusal itself is
  // SuppressionAndMessageIdTest's, against a real server): one entry until the page sends the DELETE
  const suppressed = `Gone.${RUN}@example.test`.toLowerCase();
  const deletes = [];
  const s = await openAs(browser, owner, `/projects/${project.projectUid}/offer-generators/${gen.id}`);
  try {
    const { page } = s;
    await page.route(`**/offer-generators/${gen.id}/delivery/suppressions**`, (route) => {
      const req = route.request();
      if (req.method() === 'DELETE') {
        deletes.push(new URL(req.url()).pathname);
        return route.fulfill({ status: 204 });
      }
      const list = deletes.length ? [] : [{
        address: suppressed,
        messageId: '0190c1d2-0000-7000-8000-000000000001',
        smtp: { code: 550, enhancedCode: '5.1.1', message: 'User unknown' },
        suppressedAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      }];
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(list) });
    });
    const log = page.locator('#delivery-log');
    const row = log.locator('tr').filter({ hasText: customer });
    await row.locator('[data-testid=delivery-log-status][data-status=SENT]').waitFor({ timeout: 60_000 });
    assert.match(await row.textContent(), /OFFER_DELIVERY/);
    assert.equal(await row.locator('[data-action]').count(), 0, 'a sent mail has nothing to retry or cancel');

    const suppressions = page.locator('#suppressions');
    await suppressions.getByRole('button', { name: 'Refresh' }).click();
    await suppressions.locator('[data-testid=suppressed-address]').filter({ hasText: suppressed }).waitFor();
    assert.match(await suppressions.textContent(), /550 5\.1\.1 User unknown/);
    await suppressions.getByRole('button', { name: 'Lift' }).click();
    await suppressions.getByRole('status').filter({ hasText: 'gets mail again' }).waitFor();
    await suppressions.getByText('No address is suppressed.').waitFor();
    assert.deepEqual(deletes, [`/api/v1/projects/${project.projectUid}/offer-generators/${gen.id}/delivery/suppressions/${encodeURIComponent(suppressed)}`]);
    await page.screenshot({ path: shot('delivery-log-offer'), fullPage: true });
  } finally {
    await s.close();
  }
  // a member reads the list (one entry again, played the same way) but has no Lift
  const m = await openAs(browser, member, `/projects/${project.projectUid}/offer-generators/${gen.id}`);
  try {
    deletes.length = 0;
    await m.page.route(`**/offer-generators/${gen.id}/delivery/suppressions**`, (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify([{ address: suppressed, messageId: null, smtp: null, suppressedAt: new Date().toISOString(), expiresAt: new Date().toISOString() }]),
      }),
    );
    await m.page.locator('#delivery-log tr').filter({ hasText: customer }).locator('[data-testid=delivery-log-status][data-status=SENT]').waitFor();
    const list = m.page.locator('#suppressions');
    await list.getByRole('button', { name: 'Refresh' }).click();
    await list.locator('[data-testid=suppressed-address]').filter({ hasText: suppressed }).waitFor();
    assert.equal(await list.locator('[data-action=lift]').count(), 0, 'members do not lift');
  } finally {
    await m.close();
  }
});
