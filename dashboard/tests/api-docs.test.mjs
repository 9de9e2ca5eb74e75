// The API reference page (/api/docs/, docs/api-documents.md): Swagger UI, bundled by the dashboard's build, renders
// the merged document the gateway serves and its integrator part, under the page's CSP without a console error, and
// "Try it out" reaches the API through the same gateway.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { GATEWAY, launch, shot } from './helpers.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

async function open(pagePath) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${GATEWAY}${pagePath}`);
  return { context, page, errors };
}

test('the reference page renders every route of /api/openapi.json and the integrator part on its own', async () => {
  const doc = await (await fetch(`${GATEWAY}/api/openapi.json`)).json();
  const operations = Object.values(doc.paths).flatMap((item) =>
    Object.keys(item).filter((k) => ['get', 'put', 'post', 'delete', 'patch'].includes(k)));
  const { context, page, errors } = await open('/api/docs/');
  try {
    await page.locator('.opblock').first().waitFor();
    await page.screenshot({ path: shot('api-docs') });
    assert.equal(await page.locator('.opblock').count(), operations.length, 'one block per operation of the document');
    assert.ok(await page.getByText('/api/v1/projects/{projectUid}/integrations/{integrationId}/market/products').count() > 0);
    assert.deepEqual(errors, [], 'no console error (CSP included)');
  } finally {
    await context.close();
  }

  const integrator = await (await fetch(`${GATEWAY}/api/openapi/integrator.json`)).json();
  const { context: c2, page: p2, errors: e2 } = await open('/api/docs/?doc=integrator');
  try {
    await p2.locator('.opblock').first().waitFor();
    const count = Object.values(integrator.paths).reduce((n, item) => n + Object.keys(item)
      .filter((k) => ['get', 'put', 'post', 'delete', 'patch'].includes(k)).length, 0);
    assert.equal(await p2.locator('.opblock').count(), count, 'only the integrator operations');
    assert.ok(Object.keys(integrator.paths).every((p) => p.startsWith('/api/v1/market/')), 'the API-key routes are the market\'s');
    assert.deepEqual(e2, []);
  } finally {
    await c2.close();
  }
});
