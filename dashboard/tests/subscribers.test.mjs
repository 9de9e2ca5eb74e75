// Subscribers of a FORM integration: the owner's double opt-in switch, and the states a subscriber passes through on
// screen — waiting for confirmation (the confirmation mail sent through the integration's own SMTP, the welcome
// "after the confirmation"), then unsubscribed with the one-click link of that mail (an RFC 8058 POST without
// cookies), the welcome "Skipped: unsubscribed". Members see the setting but cannot change it.
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
  shot,
  unique,
  user,
} from './helpers.mjs';

let browser;
let owner;
let member;
let project;

before(async () => {
  browser = await launch();
  owner = user('lists');
  member = user('lists-member');
  project = await createProject(owner);
  await must(201, api(owner.token, 'POST', `/api/v1/projects/${project.projectUid}/members`, { userId: member.sub, email: member.email }));
});

after(async () => {
  await browser?.close();
});

/** The List-Unsubscribe URL of a raw message (header lines may be folded). */
function listUnsubscribe(raw) {
  const unfolded = raw.replace(/\r?\n[ \t]+/g, ' ');
  const m = unfolded.match(/^List-Unsubscribe:\s*<([^>]+)>/im);
  assert.ok(m, 'the mail has a List-Unsubscribe header');
  assert.match(unfolded, /^List-Unsubscribe-Post:\s*List-Unsubscribe=One-Click/im);
  return m[1];
}

test('double opt-in switch, waiting for confirmation, then unsubscribed with the mail’s one-click link', async () => {
  const integ = await createIntegration(owner, project.projectUid, 'FORM');
  const base = `/api/v1/projects/${project.projectUid}/integrations/${integ.id}`;
  await must(200, api(owner.token, 'PATCH', `${base}/config`, { outboundMail: catcherSmtp() }));
  await must(201, api(owner.token, 'POST', `${base}/campaigns`, {
    name: 'Welcome', trigger: 'ON_EVENT', event: 'SUBSCRIBER_CREATED', subject: 'Welcome!', bodyTemplate: '<p>Hi {name}</p>', active: true,
  }));

  const s = await openAs(browser, owner, `/projects/${project.projectUid}/integrations/${integ.id}`);
  try {
    const { page } = s;
    const section = page.locator('#subscribers');
    const box = section.getByLabel(/Double opt-in/);
    await box.waitFor();
    assert.equal(await box.isChecked(), false, 'off by default');
    await box.check();
    await section.getByRole('button', { name: 'Save' }).click();
    await section.getByRole('status').filter({ hasText: 'Double opt-in is on' }).waitFor();
    const saved = await must(200, api(owner.token, 'GET', base));
    assert.equal(saved.config.subscriptions.doubleOptIn, true);

    const reader = `${unique('reader')}@example.test`;
    await must(201, api(null, 'POST', `/api/v1/public/forms/${integ.publicKey}/subscriptions`, { email: reader, name: 'Rea' }));
    await section.getByRole('button', { name: 'Refresh' }).click();
    const row = section.locator('tr').filter({ hasText: reader });
    await row.locator('[data-testid=subscription-state][data-state=PENDING_CONFIRMATION]').waitFor();
    await row.getByText('after the confirmation').waitFor();
    await row.locator('[data-status=SENT]').waitFor({ timeout: 30_000 }); // the confirmation mail, polled on screen
    await page.screenshot({ path: shot('subscriber-pending'), fullPage: true });

    const mails = await eventually(() => catcherMessages(reader).then((m) => (m.length ? m : null)), { what: 'the confirmation mail' });
    assert.equal(mails.length, 1, 'no welcome before the confirmation');
    assert.match(mails[0].subject, /Please confirm your subscription/);
    const unsubscribe = listUnsubscribe(mails[0].mimeMessage);
    // the mail client's one-click POST: no cookies, no session, the RFC 8058 body
    const res = await fetch(unsubscribe, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    assert.equal(res.status, 200);
    assert.equal((await res.json()).status, 'UNSUBSCRIBED');

    await section.getByRole('button', { name: 'Refresh' }).click();
    await row.locator('[data-testid=subscription-state][data-state=UNSUBSCRIBED]').waitFor();
    await row.locator('[data-status=SKIPPED_UNSUBSCRIBED]').getByText('Skipped: unsubscribed').waitFor();
    await page.screenshot({ path: shot('subscriber-unsubscribed'), fullPage: true });
  } finally {
    await s.close();
  }

  // a member sees the setting, without a switch
  const m = await openAs(browser, member, `/projects/${project.projectUid}/integrations/${integ.id}`);
  try {
    await m.page.locator('#subscribers [data-testid=double-opt-in]').getByText('Double opt-in is on.').waitFor();
    assert.equal(await m.page.locator('#double-opt-in').count(), 0, 'no switch for members');
  } finally {
    await m.close();
  }
});
