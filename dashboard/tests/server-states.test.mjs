// Server states that a local stack cannot produce on demand are played by rewriting the gateway's answers in the
// browser (page.route): a suspended profile (dispatch suspends after repeated SMTP login failures; the catcher
// accepts every login) and the 503 of a service without MAIL_SMTP_ENCRYPTION_KEY. Everything else is real.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, catcherSmtp, createIntegration, createProject, eventually, field, launch, must, openAs, user } from './helpers.mjs';

let browser;
let owner;
let project;
let integ;

before(async () => {
  browser = await launch();
  owner = user('states');
  project = await createProject(owner);
  integ = await createIntegration(owner, project.projectUid, 'FORM');
  await must(200, api(owner.token, 'PATCH', `/api/v1/projects/${project.projectUid}/integrations/${integ.id}/config`, { outboundMail: catcherSmtp() }));
});

after(async () => {
  await browser?.close();
});

const KEY_MISSING_DETAIL =
  'MAIL_SMTP_ENCRYPTION_KEY is not set: SMTP passwords cannot be stored. Set it to the same value on every replica (generate one with: openssl rand -base64 32).';

test('a suspended profile is shown with its message, and saving settings is offered as the way out', async () => {
  const s = await openAs(browser, owner, '/');
  try {
    const { page } = s;
    await page.route(`**/api/v1/projects/${project.projectUid}/integrations/${integ.id}`, async (route) => {
      const res = await route.fetch();
      const json = await res.json();
      json.config.outboundMail.suspension = {
        errorCode: 'PROFILE_SUSPENDED',
        message: 'Sending is paused after repeated SMTP authentication failures; save corrected SMTP settings to resume.',
        since: '2026-01-02T03:04:05Z',
      };
      await route.fulfill({ response: res, json });
    });
    await page.goto(page.url().replace(/\/$/, '') + `/projects/${project.projectUid}/integrations/${integ.id}`);
    const box = page.getByTestId('suspension');
    await box.waitFor();
    const text = await box.textContent();
    assert.match(text, /Sending is paused after repeated SMTP authentication failures/);
    assert.match(text, /PROFILE_SUSPENDED/);
    assert.match(text, /save/i);
  } finally {
    await s.close();
  }
});

test('an offer generator’s suspended profile (smtp.suspension) is shown the same way', async () => {
  const gen = await eventually(async () => {
    const r = await api(owner.token, 'POST', `/api/v1/projects/${project.projectUid}/offer-generators`, {
      name: 'Suspended offers',
      currency: 'EUR',
      basePriceMinor: 100,
      wizard: { steps: [{ id: 's', title: 'S', fields: [{ id: 'n', label: 'Note', type: 'TEXT', required: false }] }] },
    });
    return r.status === 201 ? r.json : null;
  }, { what: 'the generator (the offer service learns of the project from Kafka)' });
  const path = `/api/v1/projects/${project.projectUid}/offer-generators/${gen.id}/mail-settings`;
  await must(200, api(owner.token, 'PUT', path, { smtp: catcherSmtp() }));
  const s = await openAs(browser, owner, '/');
  try {
    const { page } = s;
    await page.route(`**${path}`, async (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      const res = await route.fetch();
      const json = await res.json();
      json.smtp.suspension = { errorCode: 'PROFILE_SUSPENDED', message: 'Sending is paused after repeated SMTP authentication failures.', since: '2026-01-02T03:04:05Z' };
      await route.fulfill({ response: res, json });
    });
    await page.goto(page.url().replace(/\/$/, '') + `/projects/${project.projectUid}/offer-generators/${gen.id}`);
    await page.getByTestId('suspension').filter({ hasText: 'Sending is paused' }).waitFor();
  } finally {
    await s.close();
  }
});

test('the 503 for a missing MAIL_SMTP_ENCRYPTION_KEY shows the server’s message, on save and on test', async () => {
  const s = await openAs(browser, owner, `/projects/${project.projectUid}/integrations/${integ.id}`);
  try {
    const { page } = s;
    const problem = { type: 'about:blank', title: 'Service Unavailable', status: 503, code: 'ENCRYPTION_KEY_MISSING', detail: KEY_MISSING_DETAIL };
    await page.route(/\/api\/v1\/projects\/[^/]+\/integrations\/[^/]+\/(config|outbound-mail\/test)$/, (route) =>
      route.fulfill({ status: 503, contentType: 'application/problem+json', body: JSON.stringify(problem) }),
    );
    await field(page, 'Password').fill('a-new-password');
    await page.getByRole('button', { name: 'Save SMTP settings' }).click();
    const alert = page.locator('.smtp-form .banner-slot [role=alert]');
    await alert.waitFor();
    assert.match(await alert.textContent(), /MAIL_SMTP_ENCRYPTION_KEY is not set.*openssl rand -base64 32/);
    await page.getByRole('button', { name: 'Send test email' }).click();
    const outcome = page.locator('.test-outcome [role=alert]');
    await outcome.waitFor();
    assert.match(await outcome.textContent(), /MAIL_SMTP_ENCRYPTION_KEY is not set/);
  } finally {
    await s.close();
  }
});

test('a stored password that no key opens (409) asks for the password on its field', async () => {
  const s = await openAs(browser, owner, `/projects/${project.projectUid}/integrations/${integ.id}`);
  try {
    const { page } = s;
    const problem = { status: 409, code: 'STORED_PASSWORD_UNREADABLE', detail: 'The stored SMTP password cannot be opened; enter it again.' };
    await page.route(/\/outbound-mail\/test$/, (route) =>
      route.fulfill({ status: 409, contentType: 'application/problem+json', body: JSON.stringify(problem) }),
    );
    await page.getByRole('button', { name: 'Send test email' }).click();
    await page.locator('input[name=password][aria-invalid=true]').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'password');
    assert.match(await page.locator('.field-password .field-error').textContent(), /Enter the password again/);
    assert.match(await page.locator('.test-outcome [role=alert]').textContent(), /STORED_PASSWORD_UNREADABLE/);
  } finally {
    await s.close();
  }
});
