// Welcome campaigns against the real template checks: an expression other than the documented placeholders is a 422
// TEMPLATE_INVALID on its field (subject or body), with the expression and its line and column; nothing is saved.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { api, createIntegration, createProject, launch, must, openAs, user } from './helpers.mjs';

let browser;
let owner;
let project;

before(async () => {
  browser = await launch();
  owner = user('campaigns');
  project = await createProject(owner);
});

after(async () => {
  await browser?.close();
});

test('TEMPLATE_INVALID lands on the subject or the body with the expression and where it is; a literal \\{ is fine', async () => {
  const integ = await createIntegration(owner, project.projectUid, 'FORM');
  const s = await openAs(browser, owner, `/projects/${project.projectUid}/integrations/${integ.id}`);
  try {
    const { page } = s;
    const campaigns = page.locator('#campaigns');
    const subject = campaigns.getByLabel(/^Subject/);
    const body = campaigns.getByLabel(/^Body/);
    const create = campaigns.getByRole('button', { name: 'Create welcome campaign' });
    const error = (name) => campaigns.locator(`.field-${name} .field-error`);
    await campaigns.getByText('No welcome campaign').waitFor();
    const goodBody = await body.inputValue();

    // a namespace lookup in the subject (it read the platform's configuration before)
    await subject.fill("Hi {config:['mailoo.crypto.key']}");
    await create.click();
    await campaigns.locator('input[name=subject][aria-invalid=true]').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'subject', 'focus on the subject');
    const subjectMessage = await error('subject').textContent();
    assert.match(subjectMessage, /config:\['mailoo\.crypto\.key'\]/, 'the message names the expression');
    assert.match(subjectMessage, /line 1, column \d+/i, 'and where it is');
    assert.equal(await campaigns.locator('textarea[name=bodyTemplate][aria-invalid=true]').count(), 0, 'the body is fine');
    assert.match(await campaigns.getByRole('alert').textContent(), /One field needs attention/);

    // a loop on the second line of the body
    await subject.fill('Welcome, {name}!');
    await body.fill('<p>Hello {name},</p>\n<p>{#for x in fields}{x}{/for}</p>');
    await create.click();
    await campaigns.locator('textarea[name=bodyTemplate][aria-invalid=true]').waitFor();
    assert.equal(await campaigns.locator('input[name=subject][aria-invalid=true]').count(), 0, 'the subject error is gone');
    const bodyMessage = await error('bodyTemplate').textContent();
    assert.match(bodyMessage, /#for/, 'the message names the expression');
    assert.match(bodyMessage, /line 2, column \d+/i);
    assert.deepEqual(await must(200, api(owner.token, 'GET', `/api/v1/projects/${project.projectUid}/integrations/${integ.id}/campaigns`)), [], 'nothing saved');

    // the documented escape for a literal brace passes
    await subject.fill('Welcome, {name}! \\{not a placeholder}');
    await body.fill(goodBody);
    await create.click();
    await campaigns.getByRole('status').filter({ hasText: 'created' }).waitFor();
    await campaigns.locator('tr').filter({ hasText: 'not a placeholder' }).waitFor();
    const saved = await must(200, api(owner.token, 'GET', `/api/v1/projects/${project.projectUid}/integrations/${integ.id}/campaigns`));
    assert.equal(saved.length, 1);
    assert.equal(saved[0].active, true);
  } finally {
    await s.close();
  }
});
