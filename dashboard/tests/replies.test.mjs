// Acceptance of issue 7, Create reply on inbound messages: an error banner without SMTP; with SMTP (the dev catcher)
// the reply's status moves to SENT on screen without a reload. Inbound messages come from the public form route.
import assert from 'node:assert/strict';
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
let project;

before(async () => {
  browser = await launch();
  owner = user('replier');
  project = await createProject(owner);
});

after(async () => {
  await browser?.close();
});

test('4. Create reply: an error banner without SMTP, then with SMTP the status reaches SENT on screen', async () => {
  const integ = await createIntegration(owner, project.projectUid, 'CONTACT_FORM');
  const submitter = `${unique('visitor')}@example.test`;
  await submitForm(integ.publicKey, { email: submitter, name: 'Vera Visitor', message: `Hello from ${RUN}`, fields: { topic: 'pricing' } });

  const s = await openAs(browser, owner, `/projects/${project.projectUid}/integrations/${integ.id}`);
  try {
    const { page } = s;
    const message = page.locator('article.message').filter({ hasText: `Hello from ${RUN}` });
    await message.waitFor();
    await page.evaluate(() => {
      window.__sameDocument = true;
    });

    // without SMTP: 409 OUTBOUND_MAIL_NOT_CONFIGURED as an error banner
    await message.getByRole('button', { name: 'Create reply' }).click();
    await message.getByLabel(/^Reply/).fill('Thanks for your message.');
    await message.getByRole('button', { name: 'Send reply' }).click();
    const banner = message.getByRole('alert');
    await banner.waitFor();
    assert.equal(await banner.getAttribute('data-code'), 'OUTBOUND_MAIL_NOT_CONFIGURED');
    assert.match(await banner.textContent(), /no outbound email \(SMTP\) configured/);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'alert', 'focus on the banner');
    assert.equal(await message.locator('[data-testid=reply-status]').count(), 0, 'no reply was stored');
    await page.screenshot({ path: shot('reply-not-configured'), fullPage: true });

    // the owner configures SMTP (the catcher); the same page, no reload, sends the reply
    const r = await api(owner.token, 'PATCH', `/api/v1/projects/${project.projectUid}/integrations/${integ.id}/config`, {
      outboundMail: catcherSmtp(),
    });
    assert.equal(r.status, 200, r.text);
    await message.getByRole('button', { name: 'Send reply' }).click();
    const status = message.locator('[data-testid=reply-status]');
    await status.first().waitFor();
    const first = await status.first().getAttribute('data-status');
    assert.ok(['QUEUED', 'DEFERRED', 'SENT'].includes(first), `first status ${first}`);
    await message.locator('[data-testid=reply-status][data-status=SENT]').waitFor({ timeout: 60_000 });
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'the page was not reloaded');
    const mails = await eventually(async () => {
      const m = await catcherMessages(submitter);
      return m.length ? m : null;
    }, { what: 'the reply at the catcher' });
    assert.equal(mails.length, 1);
    assert.match(mails[0].subject, /Re: your message/);
    await page.screenshot({ path: shot('reply-sent'), fullPage: true });

    // keyboard: Enter on Refresh reloads the list and leaves focus on the button
    const refresh = page.locator('#messages').getByRole('button', { name: 'Refresh' });
    await refresh.focus();
    const reloaded = page.waitForResponse((res) => res.url().endsWith(`/integrations/${integ.id}/messages`));
    await page.keyboard.press('Enter');
    await reloaded;
    await page.locator('#messages').getByRole('button', { name: 'Refresh' }).and(page.locator(':not([disabled])')).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Refresh', 'focus stays on Refresh');
  } finally {
    await s.close();
  }
});

test('subscribers with their welcome status: NONE, a campaign created in the UI, NOT_CONFIGURED, then SENT', async () => {
  const form = await createIntegration(owner, project.projectUid, 'FORM');
  const subscribe = async (prefix) => {
    const email = `${unique(prefix)}@example.test`;
    const r = await api(null, 'POST', `/api/v1/public/forms/${form.publicKey}/subscriptions`, { email, name: 'Sam', fields: {} });
    assert.equal(r.status, 201, r.text);
    return email;
  };
  const first = await subscribe('sub-none');
  const s = await openAs(browser, owner, `/projects/${project.projectUid}/integrations/${form.id}`);
  try {
    const { page } = s;
    const status = (email) => page.locator('#subscribers tr').filter({ hasText: email }).locator('[data-status]');
    await status(first).waitFor();
    assert.equal(await status(first).getAttribute('data-status'), 'NONE', 'no active campaign → NONE');

    // a template that does not render lands on its field; the defaults create the campaign
    const campaigns = page.locator('#campaigns');
    const body = campaigns.getByLabel(/^Body/);
    const good = await body.inputValue();
    await body.fill('<p>{#if}</p>');
    await campaigns.getByRole('button', { name: 'Create welcome campaign' }).click();
    await campaigns.locator('textarea[name=bodyTemplate][aria-invalid=true]').waitFor();
    await body.fill(good);
    await campaigns.getByRole('button', { name: 'Create welcome campaign' }).click();
    await campaigns.getByRole('status').filter({ hasText: 'created' }).waitFor();
    await campaigns.locator('tr').filter({ hasText: 'Welcome' }).waitFor();

    const skipped = await subscribe('sub-skipped');
    await must(200, api(owner.token, 'PATCH', `/api/v1/projects/${project.projectUid}/integrations/${form.id}/config`, { outboundMail: catcherSmtp() }));
    const welcomed = await subscribe('sub-welcome');
    await page.locator('#subscribers').getByRole('button', { name: 'Refresh' }).click();
    await status(skipped).and(page.locator('[data-status=NOT_CONFIGURED]')).waitFor();
    await status(welcomed).and(page.locator('[data-status=SENT]')).waitFor({ timeout: 60_000 });
    const mails = await eventually(() => catcherMessages(welcomed).then((m) => (m.length ? m : null)), { what: 'the welcome mail' });
    assert.match(mails[0].subject, /Welcome, Sam!/);
  } finally {
    await s.close();
  }
});
