// Server states that a local stack cannot produce on demand are played by rewriting the gateway's answers in the
// browser (page.route): a suspended profile (dispatch suspends after repeated SMTP login failures; the catcher
// accepts every login), the 503 of a service without MAIL_SMTP_ENCRYPTION_KEY, a 429 with Retry-After on the test
// route (the limit is ten an hour), a cleartext login refused (a local stack allows it), a campaign deactivated at
// the service's start and a welcome mail skipped by the per-recipient cap. Everything else is real.
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
    const problem = { status: 409, code: 'SMTP_PASSWORD_UNREADABLE', detail: 'The stored SMTP password cannot be opened; enter it again.' };
    await page.route(/\/outbound-mail\/test$/, (route) =>
      route.fulfill({ status: 409, contentType: 'application/problem+json', body: JSON.stringify(problem) }),
    );
    await page.getByRole('button', { name: 'Send test email' }).click();
    await page.locator('input[name=password][aria-invalid=true]').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'password');
    assert.match(await page.locator('.field-password .field-error').textContent(), /Enter the password again/);
    assert.match(await page.locator('.test-outcome [role=alert]').textContent(), /SMTP_PASSWORD_UNREADABLE/);
  } finally {
    await s.close();
  }
});

test('429 RATE_LIMITED on Send test email says in words how long to wait (Retry-After in seconds or as a date)', async () => {
  const s = await openAs(browser, owner, `/projects/${project.projectUid}/integrations/${integ.id}`);
  try {
    const { page } = s;
    let retryAfter = '754';
    await page.route(/\/outbound-mail\/test$/, (route) =>
      route.fulfill({
        status: 429,
        headers: { 'Retry-After': retryAfter },
        contentType: 'application/problem+json',
        body: JSON.stringify({ status: 429, code: 'RATE_LIMITED', detail: 'Too many SMTP tests; try again later.' }),
      }),
    );
    const outcome = page.locator('.test-outcome [role=alert]');
    const send = async () => {
      await page.getByRole('button', { name: 'Send test email' }).click();
      await outcome.and(page.locator('[data-code=RATE_LIMITED]')).waitFor();
      return outcome.textContent();
    };
    let text = await send();
    assert.match(text, /Test email not sent\. Too many test emails in a short time: they are limited per person and per project\./);
    assert.match(text, /Wait 13 minutes and try again \(after \d{1,2}:\d{2}/, text);
    assert.match(text, /Too many SMTP tests; try again later\./, 'the server’s detail is shown too');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-code')), 'RATE_LIMITED', 'focus on the banner');

    retryAfter = '3900';
    assert.match(await send(), /Wait 1 hour and 5 minutes and try again/);
    retryAfter = '42';
    assert.match(await send(), /Wait 42 seconds and try again\./);
    retryAfter = new Date(Date.now() + 2 * 3600_000).toUTCString();
    assert.match(await send(), /Wait 2 hours and try again/);
    retryAfter = '';
    assert.match(await send(), /Wait a minute and try again\./, 'without Retry-After: the general advice');
  } finally {
    await s.close();
  }
});

test('SMTP_CLEARTEXT_LOGIN_REFUSED lands on Security and FIELD_UNKNOWN is named in the banner (save and test)', async () => {
  // a local stack allows private hosts and so cleartext logins; the panel never sends unknown fields
  const s = await openAs(browser, owner, `/projects/${project.projectUid}/integrations/${integ.id}`);
  try {
    const { page } = s;
    const problem = {
      status: 422,
      code: 'VALIDATION_FAILED',
      detail: 'Some fields are invalid.',
      errors: [
        {
          field: 'security',
          code: 'SMTP_CLEARTEXT_LOGIN_REFUSED',
          message: 'A username or password would be sent without encryption: choose STARTTLS or SSL_TLS, or remove the username and password.',
        },
        { field: 'passwrd', code: 'FIELD_UNKNOWN', message: 'Unknown field “passwrd”.' },
      ],
    };
    await page.route(/\/integrations\/[^/]+\/(config|outbound-mail\/test)$/, (route) =>
      route.request().method() === 'GET'
        ? route.continue()
        : route.fulfill({ status: 422, contentType: 'application/problem+json', body: JSON.stringify(problem) }),
    );
    for (const button of ['Save SMTP settings', 'Send test email']) {
      await field(page, 'Username').fill('someone');
      await page.getByRole('button', { name: button }).click();
      await page.locator('select[name=security][aria-invalid=true]').waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'security', `${button}: focus on Security`);
      assert.match(await page.locator('.field-security .field-error').textContent(), /sent without encryption: choose STARTTLS or SSL_TLS/);
      const banner = page.locator('.smtp-form .banner-slot [role=alert]');
      assert.match(await banner.textContent(), /passwrd: Unknown field “passwrd”\./, `${button}: the unknown field is named`);
    }
  } finally {
    await s.close();
  }
});

test('a campaign the service deactivated shows why (deactivatedReason as a string or as {code, message})', async () => {
  const s = await openAs(browser, owner, '/');
  try {
    const { page } = s;
    const reason = 'TEMPLATE_INVALID: unknown expression {config:MAIL_SMTP_ENCRYPTION_KEY} at line 1, column 4';
    await page.route(`**/api/v1/projects/${project.projectUid}/integrations/${integ.id}/campaigns`, async (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      const at = '2026-01-02T03:04:05Z';
      const common = { trigger: 'ON_EVENT', event: 'SUBSCRIBER_CREATED', bodyTemplate: '<p>x</p>', createdAt: at };
      await route.fulfill({
        json: [
          { ...common, id: 'c1', name: 'Current welcome', subject: 'Hi {name}', active: true },
          { ...common, id: 'c2', name: 'Old welcome', subject: 'k={config:x}', active: false, deactivatedReason: reason },
          {
            ...common,
            id: 'c3',
            name: 'Older welcome',
            subject: 'Hi',
            active: false,
            deactivatedReason: { code: 'TEMPLATE_INVALID', message: 'Unknown expression {#for} at line 2, column 1.' },
          },
          { ...common, id: 'c4', name: 'Switched off', subject: 'Hi', active: false },
        ],
      });
    });
    await page.goto(page.url().replace(/\/$/, '') + `/projects/${project.projectUid}/integrations/${integ.id}`);
    const campaigns = page.locator('#campaigns');
    const banner = campaigns.getByTestId('campaigns-deactivated');
    await banner.waitFor();
    const text = await banner.textContent();
    assert.match(text, /2 welcome campaigns were deactivated/);
    assert.match(text, /Old welcome: TEMPLATE_INVALID: unknown expression \{config:MAIL_SMTP_ENCRYPTION_KEY\} at line 1, column 4/);
    assert.match(text, /Older welcome: Unknown expression \{#for\} at line 2, column 1\. \(TEMPLATE_INVALID\)/);
    const cell = (name) => campaigns.locator('tr').filter({ hasText: name }).locator('td[data-label=Active]');
    assert.equal(await cell('Current welcome').textContent(), 'yes');
    assert.match(await cell('Old welcome').textContent(), /^no — deactivated: TEMPLATE_INVALID/);
    assert.equal(await cell('Switched off').textContent(), 'no', 'inactive without a reason: just no');
  } finally {
    await s.close();
  }
});

test('a welcome mail skipped by the per-recipient cap reads “Skipped: too many mails to this address”', async () => {
  const s = await openAs(browser, owner, '/');
  try {
    const { page } = s;
    await page.route(`**/api/v1/projects/${project.projectUid}/integrations/${integ.id}/subscribers`, (route) =>
      route.fulfill({
        json: [
          { id: 's1', email: 'capped@example.test', name: 'Cap', welcomeStatus: 'SKIPPED_RATE_LIMITED', welcomeErrorCode: null, createdAt: '2026-01-02T03:04:05Z' },
        ],
      }),
    );
    await page.goto(page.url().replace(/\/$/, '') + `/projects/${project.projectUid}/integrations/${integ.id}`);
    const status = page.locator('#subscribers tr').filter({ hasText: 'capped@example.test' }).locator('[data-status=SKIPPED_RATE_LIMITED]');
    await status.waitFor();
    assert.equal(await status.textContent(), 'Skipped: too many mails to this address');
    assert.match(await status.getAttribute('title'), /^SKIPPED_RATE_LIMITED: .*capped per recipient address/);
  } finally {
    await s.close();
  }
});
