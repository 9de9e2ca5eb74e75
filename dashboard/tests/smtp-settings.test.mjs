// Acceptance of issue 7, the Outbound email (SMTP) panel of an integration, in headless Chromium through the gateway:
// write-only password, SMTP_PASSWORD_REQUIRED on the field, Send test email with unsaved values, screenshots.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  api,
  CATCHER_SMTP_PORT,
  catcherMessages,
  createIntegration,
  createProject,
  eventually,
  field,
  launch,
  openAs,
  RUN,
  shot,
  user,
} from './helpers.mjs';

const PASSWORD = `pw-${RUN}-S3cret!`;
const USERNAME = `smtp-user-${RUN}`;
let browser;
let owner;
let project;
let integ;
let settingsPath;

before(async () => {
  browser = await launch();
  owner = user('owner');
  project = await createProject(owner);
  integ = await createIntegration(owner, project.projectUid, 'CONTACT_FORM');
  settingsPath = `/projects/${project.projectUid}/integrations/${integ.id}`;
});

after(async () => {
  await browser?.close();
});


async function savedOutboundMail() {
  const r = await api(owner.token, 'GET', `/api/v1/projects/${project.projectUid}/integrations/${integ.id}`);
  assert.equal(r.status, 200);
  return r.json.config.outboundMail;
}

test('the sign-in link moves the token from the URL fragment to session storage only', async () => {
  const s = await openAs(browser, owner, '/');
  try {
    const { page } = s;
    assert.equal(new URL(page.url()).hash, '', 'the #token fragment is cleared from the address bar');
    await page.getByRole('heading', { name: 'Projects', level: 1 }).waitFor();
    assert.equal(await page.getByTestId('user-email').textContent(), owner.email, 'the email comes from the JWT');
    const storage = await page.evaluate(() => ({
      session: sessionStorage.getItem('mailoo.token'),
      localKeys: Object.keys(localStorage),
      cookie: document.cookie,
    }));
    assert.equal(storage.session, owner.token);
    assert.deepEqual(storage.localKeys, [], 'nothing in localStorage');
    assert.equal(storage.cookie, '', 'no cookies');
    // the token was never sent to the server as part of a URL
    for (const r of await s.settled()) assert.ok(!r.url.includes(owner.token), `token in a URL: ${r.url}`);
  } finally {
    await s.close();
  }
});

test('1. save settings, reload: the password field is empty, the note says one is stored, the password is nowhere', async () => {
  const s = await openAs(browser, owner, settingsPath);
  try {
    const { page } = s;
    await page.getByRole('heading', { name: 'Outbound email (SMTP)' }).waitFor();
    await field(page, 'SMTP host').fill('127.0.0.1');
    await field(page, 'Port').fill(String(CATCHER_SMTP_PORT));
    await field(page, 'Security').selectOption('NONE');
    await field(page, 'Username').fill(USERNAME);
    await field(page, 'Password').fill(PASSWORD);
    await field(page, 'From address').fill(`shop-${RUN}@example.test`);
    await field(page, 'From name').fill('Saved Shop');
    await page.getByRole('button', { name: 'Save SMTP settings' }).click();
    await page.getByRole('status').filter({ hasText: 'SMTP settings saved.' }).waitFor();
    assert.equal(await field(page, 'Password').inputValue(), '', 'the password field is emptied after saving');

    await page.reload();
    await page.getByRole('heading', { name: 'Outbound email (SMTP)' }).waitFor();
    assert.equal(await field(page, 'Password').inputValue(), '', 'the password field is never filled from the server');
    const note = page.getByTestId('password-note');
    await note.waitFor();
    assert.match(await note.textContent(), /A password is stored .*Leave this empty to keep it/);
    assert.equal(await field(page, 'SMTP host').inputValue(), '127.0.0.1');
    assert.equal(await field(page, 'Port').inputValue(), String(CATCHER_SMTP_PORT));
    assert.equal(await field(page, 'Username').inputValue(), USERNAME);
    // the password is in no field, no markup, no storage and no response (body or header) the page received
    const values = await page.evaluate(() => [...document.querySelectorAll('input, textarea, select')].map((e) => e.value));
    assert.ok(!values.some((v) => v.includes(PASSWORD)), 'password in a field value');
    assert.ok(!(await page.content()).includes(PASSWORD), 'password in the DOM');
    const storage = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
    assert.ok(!storage.includes(PASSWORD), 'password in web storage');
    const responses = await s.settled();
    assert.ok(responses.length > 3, 'responses were recorded');
    for (const r of responses) {
      assert.ok(!r.body.includes(PASSWORD) && !r.headers.includes(PASSWORD), `password in the response of ${r.url}`);
    }
    const saved = await savedOutboundMail();
    assert.equal(saved.hasSmtpPassword, true);
    assert.equal(saved.password, undefined);
  } finally {
    await s.close();
  }
});

test('2. change the port without retyping the password: the field asks for it, nothing is saved', async () => {
  const before = await savedOutboundMail();
  const s = await openAs(browser, owner, settingsPath);
  try {
    const { page } = s;
    await page.getByTestId('password-note').waitFor();
    await field(page, 'Port').fill('2525');
    await page.getByRole('button', { name: 'Save SMTP settings' }).click();
    const password = field(page, 'Password');
    await page.locator('input[name=password][aria-invalid=true]').waitFor();
    const describedBy = (await password.getAttribute('aria-describedby')).split(' ');
    const message = await page.locator(`[id="${describedBy[1]}"]`).textContent();
    assert.match(message, /enter the password again/i, 'the field message asks for the password');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'password', 'focus on the password');
    await page.getByRole('alert').first().waitFor();
    const after = await savedOutboundMail();
    assert.equal(after.port, CATCHER_SMTP_PORT, 'the old port is still saved');
    assert.equal(after.profileVersion, before.profileVersion, 'no new version');
    assert.equal(after.hasSmtpPassword, true);
  } finally {
    await s.close();
  }
});

test('validation errors land on their fields and focus moves to the first one', async () => {
  const s = await openAs(browser, owner, settingsPath);
  try {
    const { page } = s;
    await page.getByTestId('password-note').waitFor();
    await field(page, 'From address').fill('not an address');
    await field(page, 'Reply-to address').fill('also wrong');
    await page.getByRole('button', { name: 'Save SMTP settings' }).click();
    await page.locator('input[name=fromAddress][aria-invalid=true]').waitFor();
    await page.locator('input[name=replyTo][aria-invalid=true]').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'fromAddress');
    assert.match(await page.locator('.field-fromAddress .field-error').textContent(), /plain address/);
    assert.equal((await savedOutboundMail()).fromAddress, `shop-${RUN}@example.test`);
  } finally {
    await s.close();
  }
});

test('3. send test email with unsaved values: the outcome names the user, the catcher has that one mail, nothing is saved', async () => {
  const s = await openAs(browser, owner, settingsPath);
  try {
    const { page } = s;
    await page.getByTestId('password-note').waitFor();
    await field(page, 'From name').fill('Unsaved Name');
    await page.getByRole('button', { name: 'Send test email' }).click();
    const ok = page.getByTestId('test-ok');
    await ok.waitFor({ timeout: 40_000 });
    assert.equal(await ok.locator('.recipient').textContent(), owner.email);
    assert.match(await ok.textContent(), /250/, 'the SMTP reply is shown');
    const mails = await eventually(async () => {
      const m = await catcherMessages(owner.email);
      return m.length ? m : null;
    }, { what: `a mail for ${owner.email} at the catcher` });
    assert.equal(mails.length, 1, 'exactly one mail for the user');
    assert.match(mails[0].mimeMessage, /From: "?Unsaved Name"? </, 'sent with the unsaved values');

    await page.reload();
    await page.getByTestId('password-note').waitFor();
    assert.equal(await field(page, 'From name').inputValue(), 'Saved Shop', 'the saved values are unchanged');
    assert.equal((await savedOutboundMail()).fromName, 'Saved Shop');
    assert.equal((await catcherMessages(owner.email)).length, 1, 'still exactly one mail');
  } finally {
    await s.close();
  }
});

test('a failing test email shows the error code, a sentence and what to check', async () => {
  const s = await openAs(browser, owner, settingsPath);
  try {
    const { page } = s;
    await page.getByTestId('password-note').waitFor();
    await field(page, 'Port').fill('1');
    await field(page, 'Password').fill('any-password');
    await page.getByRole('button', { name: 'Send test email' }).click();
    const alert = page.locator('.test-outcome [role=alert]');
    await alert.waitFor({ timeout: 40_000 });
    const text = await alert.textContent();
    assert.match(text, /SMTP_CONNECT_FAILED|SMTP_TIMEOUT|SMTP_TEST_TIMEOUT/);
    assert.match(text, /Check the host/);
    assert.equal((await savedOutboundMail()).port, CATCHER_SMTP_PORT);
  } finally {
    await s.close();
  }
});

for (const width of [360, 1440]) {
  test(`5. the settings panel at ${width} px: screenshot, no horizontal scrolling`, async () => {
    const s = await openAs(browser, owner, settingsPath, { width, height: 900 });
    try {
      const { page } = s;
      const panel = page.getByTestId('smtp-panel');
      await page.getByTestId('password-note').waitFor();
      await panel.screenshot({ path: shot(`smtp-panel-${width}`) });
      await page.screenshot({ path: shot(`integration-page-${width}`), fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px`);
      const box = await field(page, 'SMTP host').boundingBox();
      assert.ok(box.width >= 200, 'inputs are usable');
      // keyboard: Tab reaches the save button
      await field(page, 'Reply-to address').focus();
      let reached = false;
      for (let i = 0; i < 8 && !reached; i += 1) {
        await page.keyboard.press('Tab');
        reached = (await page.evaluate(() => document.activeElement?.textContent)) === 'Save SMTP settings';
      }
      assert.ok(reached, 'Save SMTP settings is reachable with Tab');
      assert.deepEqual(s.consoleErrors, []);
    } finally {
      await s.close();
    }
  });
}

test('Remove SMTP settings (after a confirmation) removes the profile and the stored password', async () => {
  const s = await openAs(browser, owner, settingsPath);
  try {
    const { page } = s;
    await page.getByTestId('password-note').waitFor();
    page.once('dialog', (d) => d.dismiss());
    await page.getByRole('button', { name: 'Remove SMTP settings' }).click();
    assert.notEqual(await savedOutboundMail(), null, 'dismissing the confirmation keeps the settings');
    page.once('dialog', (d) => d.accept());
    await page.getByRole('button', { name: 'Remove SMTP settings' }).click();
    await page.getByRole('status').filter({ hasText: 'SMTP settings removed' }).waitFor();
    assert.equal(await page.getByTestId('password-note').count(), 0);
    assert.equal(await savedOutboundMail(), null);
    await page.reload();
    await page.getByText('Not configured yet').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Remove SMTP settings' }).isHidden(), true);
  } finally {
    await s.close();
  }
});
