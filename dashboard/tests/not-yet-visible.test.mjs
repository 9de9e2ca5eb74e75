// Read-your-writes: market- and offer-generator-service answer 503 PROJECT_NOT_YET_VISIBLE /
// INTEGRATION_NOT_YET_VISIBLE with Retry-After for a project or integration created a moment ago that has not
// reached them through Kafka yet. How long that lasts depends on the moment, so the answers are played here by
// rewriting the API in the browser (page.route, every call of the page): the page waits Retry-After, says what it
// waits for, asks again (at most ten times) and then shows the list; after ten it says so.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, openAs, user } from './helpers.mjs';

let browser;
let owner;

before(async () => {
  browser = await launch();
  owner = user('visible');
});

after(async () => {
  await browser?.close();
});

const PROJECT = '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b';

function notYetVisible(route) {
  return route.fulfill({
    status: 503,
    headers: { 'Retry-After': '1' },
    contentType: 'application/problem+json',
    body: JSON.stringify({ status: 503, code: 'PROJECT_NOT_YET_VISIBLE', detail: 'This project id is new and may not have reached this service yet; repeat the request after Retry-After seconds.' }),
  });
}

/** The project page's calls, answered in the browser; `generators` answers the offer generator list. */
async function projectPage(page, generators) {
  const calls = { generators: 0 };
  await page.route('**/api/v1/projects/**', (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === `/api/v1/projects/${PROJECT}`) {
      return route.fulfill({ json: { projectUid: PROJECT, name: 'Just created', ownerUserId: owner.sub, role: 'OWNER', createdAt: new Date().toISOString() } });
    }
    if (url.pathname.endsWith('/offer-generators')) {
      calls.generators++;
      return generators(route, calls.generators);
    }
    return route.fulfill({ json: [] }); // integrations, members
  });
  await page.goto(page.url().replace(/\/$/, '') + `/projects/${PROJECT}`);
  return calls;
}

test('a just-created project the offer service has not heard of yet: the page waits, says so, then shows the list', async () => {
  const s = await openAs(browser, owner, '/');
  try {
    const { page } = s;
    const calls = await projectPage(page, (route, n) => (n <= 2 ? notYetVisible(route) : route.fulfill({ json: [] })));
    const notice = page.getByTestId('visibility-wait');
    await notice.waitFor();
    assert.match(await notice.textContent(), /Just created — waiting for it to reach the offer generator service/);
    assert.equal(await notice.getAttribute('role'), 'status');
    await page.getByText('No offer generators yet.').waitFor();
    await notice.waitFor({ state: 'hidden' });
    assert.equal(calls.generators, 3);
    // the browser logs every 503 as a failed resource; anything else would be the page's own error
    assert.deepEqual(s.consoleErrors.filter((e) => !/Failed to load resource/.test(e)), []);
  } finally {
    await s.close();
  }
});

test('after ten tries the page stops asking and says the service has not heard of the project yet', async () => {
  const s = await openAs(browser, owner, '/');
  try {
    const { page } = s;
    const calls = await projectPage(page, (route) => notYetVisible(route));
    await page.getByText('has not heard of this new project yet', { exact: false }).waitFor({ timeout: 30_000 });
    assert.equal(calls.generators, 11, 'the first answer and ten more tries');
    assert.equal(await page.getByTestId('visibility-wait').isHidden(), true);
  } finally {
    await s.close();
  }
});
