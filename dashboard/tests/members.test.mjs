// Members: the owner adds one in the dashboard; the member sees the project, reads the SMTP settings without being
// able to change them (owner-only), and may reply to messages.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, catcherSmtp, createIntegration, createProject, field, launch, must, openAs, submitForm, unique, user } from './helpers.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('a member added in the dashboard reads the settings (no save, no test) and can reply', async () => {
  const owner = user('team-owner');
  const member = user('team-member');
  const project = await createProject(owner);
  const integ = await createIntegration(owner, project.projectUid, 'CONTACT_FORM');
  await must(200, api(owner.token, 'PATCH', `/api/v1/projects/${project.projectUid}/integrations/${integ.id}/config`, { outboundMail: catcherSmtp() }));
  await submitForm(integ.publicKey, { email: `${unique('asker')}@example.test`, name: 'A', message: 'question for the team', fields: {} });

  const o = await openAs(browser, owner, `/projects/${project.projectUid}`);
  try {
    const members = o.page.locator('#members');
    await field(members, 'User id').fill(owner.sub);
    await field(members, 'Email').fill(owner.email);
    await members.getByRole('button', { name: 'Add member' }).click();
    await members.locator('input[name=userId][aria-invalid=true]').waitFor();
    await field(members, 'User id').fill(member.sub);
    await field(members, 'Email').fill(member.email);
    await members.getByRole('button', { name: 'Add member' }).click();
    await members.locator('tr').filter({ hasText: member.email }).waitFor();
  } finally {
    await o.close();
  }

  const m = await openAs(browser, member, '/');
  try {
    const { page } = m;
    const row = page.locator('tr').filter({ hasText: project.name });
    assert.match(await row.textContent(), /Member/);
    await row.getByRole('link').click();
    await page.getByRole('link', { name: integ.name }).click();
    await page.getByRole('heading', { name: 'Outbound email (SMTP)' }).waitFor();
    assert.equal(await field(page, 'SMTP host').inputValue(), '127.0.0.1');
    assert.ok(await field(page, 'SMTP host').isDisabled(), 'a member cannot edit');
    assert.equal(await page.getByRole('button', { name: 'Save SMTP settings' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Send test email' }).count(), 0);
    await page.getByText('Only the project’s owner can change these settings.').waitFor();
    const message = page.locator('article.message').filter({ hasText: 'question for the team' });
    await message.getByRole('button', { name: 'Create reply' }).click();
    await message.getByLabel(/^Reply/).fill('Answer from a member.');
    await message.getByRole('button', { name: 'Send reply' }).click();
    await message.locator('[data-testid=reply-status][data-status=SENT]').waitFor({ timeout: 60_000 });
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: project.name }).click();
    await page.locator('#members tr').filter({ hasText: member.email }).waitFor();
    assert.equal(await page.locator('#members form').count(), 0, 'only the owner adds members');
    assert.equal(await page.locator('form.create-integration').count(), 0, 'only the owner creates integrations');
  } finally {
    await m.close();
  }
});
