// Market orders with emailToCustomer.status, and offer generators: created in the UI, their own mail settings in
// the same panel (saved, tested) and submissions with both mail statuses.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  api,
  CATCHER_SMTP_PORT,
  catcherMessages,
  catcherSmtp,
  createIntegration,
  createProject,
  eventually,
  field,
  launch,
  must,
  openAs,
  RUN,
  shot,
  unique,
  user,
} from './helpers.mjs';

let browser;
let owner;
let project;

before(async () => {
  browser = await launch();
  owner = user('shop-owner');
  project = await createProject(owner);
});

after(async () => {
  await browser?.close();
});


test('offer generator: created in the UI, its own SMTP saved and tested, submissions with both mail statuses', async () => {
  // offer-generator-service learns about new projects from Kafka (mailoo.projects.v1): wait until it knows this one
  await eventually(async () => (await api(owner.token, 'GET', `/api/v1/projects/${project.projectUid}/offer-generators`)).status === 200, {
    what: 'offer-generator-service to know the project',
  });
  const s = await openAs(browser, owner, `/projects/${project.projectUid}`);
  try {
    const { page } = s;
    const name = unique('offers');
    const create = page.locator('form.create-generator');
    await field(create, 'Name').fill(name);
    await create.getByRole('button', { name: 'Create offer generator' }).click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    const generatorId = page.url().split('/').pop();

    const panel = page.getByTestId('smtp-panel');
    await field(panel, 'SMTP host').fill('127.0.0.1');
    await field(panel, 'Port').fill(String(CATCHER_SMTP_PORT));
    await field(panel, 'Security').selectOption('NONE');
    await field(panel, 'From address').fill(`offers-${RUN}@example.test`);
    const team = `${unique('team')}@example.test`;
    await field(panel, 'Notify this address of each submission').fill(team);
    await field(panel, 'Company name').fill('Acme Offers');
    // errors of the SMTP fields (host, fromAddress, …) and the offer's own (branding.*) land on their inputs
    await field(panel, 'Primary colour (#rrggbb)').fill('red');
    await field(panel, 'From address').fill('nope');
    await panel.getByRole('button', { name: 'Save SMTP settings' }).click();
    await panel.locator('input[name=fromAddress][aria-invalid=true]').waitFor();
    await panel.locator('input[name="branding.primaryColor"][aria-invalid=true]').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'fromAddress');
    await field(panel, 'Primary colour (#rrggbb)').fill('#0b5cad');
    await field(panel, 'From address').fill(`offers-${RUN}@example.test`);
    await panel.getByRole('button', { name: 'Save SMTP settings' }).click();
    await panel.getByRole('status').filter({ hasText: 'SMTP settings saved.' }).waitFor();

    await panel.getByRole('button', { name: 'Send test email' }).click();
    await panel.getByTestId('test-ok').waitFor({ timeout: 40_000 });
    assert.equal(await panel.locator('.recipient').textContent(), owner.email);

    const customer = `${unique('customer')}@example.test`;
    await eventually(async () => {
      const r = await api(null, 'POST', `/api/v1/public/offer-generators/${generatorId}/submissions`, {
        answers: { size: 'l' },
        customer: { email: customer, name: 'Carla' },
      });
      return r.status === 201 && r.json.customerDelivery.status === 'QUEUED' ? r : null;
    }, { what: 'a submission with mail queued' });
    await page.locator('#submissions').getByRole('button', { name: 'Refresh' }).click();
    const row = page.locator('#submissions tr').filter({ hasText: customer });
    await row.locator('[data-testid=delivery-status][data-status=SENT]').waitFor({ timeout: 60_000 });
    await row.locator('[data-testid=internal-status][data-status=SENT]').waitFor({ timeout: 60_000 });
    assert.equal((await eventually(() => catcherMessages(customer).then((m) => (m.length ? m : null)))).length, 1);

    await page.reload();
    await page.getByRole('heading', { name: 'Outbound email (SMTP)' }).waitFor();
    assert.equal(await field(panel, 'Password').inputValue(), '');
    assert.equal(await field(panel, 'Company name').inputValue(), 'Acme Offers', 'saved settings are shown');
    await page.screenshot({ path: shot('offer-generator-1440'), fullPage: true });
  } finally {
    await s.close();
  }
});

test('market orders show emailToCustomer.status (NOT_CONFIGURED, then SENT once SMTP is set)', async () => {
  const market = await createIntegration(owner, project.projectUid, 'MARKET');
  const base = `/api/v1/projects/${project.projectUid}/integrations/${market.id}/market`;
  // market-service learns about the integration from Kafka: retry until it knows it
  await eventually(async () => (await api(owner.token, 'POST', `${base}/products`, { sku: 'mug', name: 'Mug', priceMinor: 1200, currency: 'EUR' })).status === 201, {
    what: 'the product to be created',
  });
  const key = (await must(201, api(owner.token, 'POST', `${base}/api-keys`, { name: 'ui-test' }))).key;
  const order = (buyer) =>
    api(null, 'POST', `/api/v1/market/${market.id}/orders`, { buyer: { email: buyer, name: 'Bo' }, items: [{ sku: 'mug', quantity: 2 }] }, { Authorization: `Bearer ${key}` });
  const firstBuyer = `${unique('buyer')}@example.test`;
  const first = await order(firstBuyer);
  assert.equal(first.status, 201, first.text);
  assert.equal(first.json.emailToCustomer.status, 'NOT_CONFIGURED');

  const list = await api(owner.token, 'GET', `${base}/orders?limit=5`);
  const s = await openAs(browser, owner, `/projects/${project.projectUid}/integrations/${market.id}`);
  try {
    const { page } = s;
    if (list.status === 404) {
      await page.getByText('The order list is not available on this server yet.').waitFor();
      return;
    }
    await page.locator('#orders [data-testid=order-mail-status][data-status=NOT_CONFIGURED]').waitFor();
    // the reference the confirmation's subject carries: the id's last 8 characters (v7 ids share their first ones)
    const ref = await page.locator('#orders tr').filter({ hasText: firstBuyer }).locator('code').textContent();
    assert.equal(ref, first.json.orderId.slice(-8).toUpperCase());

    await must(200, api(owner.token, 'PATCH', `/api/v1/projects/${project.projectUid}/integrations/${market.id}/config`, { outboundMail: catcherSmtp() }));
    const buyer = `${unique('buyer')}@example.test`;
    await eventually(async () => {
      const r = await order(buyer);
      return r.status === 201 && r.json.emailToCustomer.status === 'QUEUED';
    }, { what: 'an order with its confirmation queued' });
    await page.locator('#orders').getByRole('button', { name: 'Refresh' }).click();
    await page.locator('#orders tr').filter({ hasText: buyer }).locator('[data-status=SENT]').first().waitFor({ timeout: 60_000 });
    await page.screenshot({ path: shot('market-orders-1440'), fullPage: true });
  } finally {
    await s.close();
  }
});

test('market catalog and API keys from the dashboard: a key created there places an order that shows up', async () => {
  const market = await createIntegration(owner, project.projectUid, 'MARKET');
  const base = `/api/v1/projects/${project.projectUid}/integrations/${market.id}/market`;
  await eventually(async () => (await api(owner.token, 'GET', `${base}/products`)).status === 200, { what: 'market-service to know the integration' });
  const s = await openAs(browser, owner, `/projects/${project.projectUid}/integrations/${market.id}`);
  try {
    const { page } = s;
    const catalog = page.locator('#catalog');
    await field(catalog, 'SKU').fill('tea-1');
    await field(catalog, 'Product name').fill('Green tea');
    await field(catalog, 'Price (minor units, e.g. cents)').fill('450');
    await catalog.getByRole('button', { name: 'Add product' }).click();
    await catalog.locator('tr').filter({ hasText: 'Green tea' }).waitFor();
    // a duplicate SKU lands on the SKU field
    await field(catalog, 'SKU').fill('tea-1');
    await field(catalog, 'Product name').fill('Green tea again');
    await field(catalog, 'Price (minor units, e.g. cents)').fill('450');
    await catalog.getByRole('button', { name: 'Add product' }).click();
    await catalog.locator('input[name=sku][aria-invalid=true]').waitFor();

    const keys = page.locator('#api-keys');
    await field(keys, 'Key name').fill('shop server');
    await keys.getByRole('button', { name: 'Create API key' }).click();
    const key = (await keys.locator('.new-api-key').textContent()).trim();
    assert.match(key, /^mk_[0-9a-f]{8}_/);
    const buyer = `${unique('tea-buyer')}@example.test`;
    const r = await api(null, 'POST', `/api/v1/market/${market.id}/orders`, { buyer: { email: buyer, name: 'T' }, items: [{ sku: 'tea-1', quantity: 1 }] }, { Authorization: `Bearer ${key}` });
    assert.equal(r.status, 201, r.text);
    await page.locator('#orders').getByRole('button', { name: 'Refresh' }).click();
    await page.locator('#orders tr').filter({ hasText: buyer }).locator('[data-testid=order-mail-status][data-status=NOT_CONFIGURED]').waitFor();

    await keys.getByRole('button', { name: /^Revoke key/ }).click();
    await keys.locator('tr').filter({ hasText: 'revoked' }).waitFor();
    const refused = await api(null, 'POST', `/api/v1/market/${market.id}/orders`, { buyer: { email: buyer, name: 'T' }, items: [{ sku: 'tea-1', quantity: 1 }] }, { Authorization: `Bearer ${key}` });
    assert.equal(refused.status, 401);
  } finally {
    await s.close();
  }
});

test('offer mail over the per-recipient cap: the submission is kept and reads “Skipped: too many mails to this address”', async () => {
  const gen = await eventually(async () => {
    const r = await api(owner.token, 'POST', `/api/v1/projects/${project.projectUid}/offer-generators`, {
      name: unique('capped-offers'),
      currency: 'EUR',
      basePriceMinor: 1000,
      wizard: { steps: [{ id: 's', title: 'S', fields: [{ id: 'n', label: 'Note', type: 'TEXT', required: false }] }] },
    });
    return r.status === 201 ? r.json : null;
  }, { what: 'offer-generator-service to know the project' });
  await must(200, api(owner.token, 'PUT', `/api/v1/projects/${project.projectUid}/offer-generators/${gen.id}/mail-settings`, { smtp: catcherSmtp() }));
  // the same public address four times (the cap is three offers per address, generator and hour)
  const customer = `${unique('capped')}@example.test`;
  for (let i = 0; i < 4; i += 1) {
    const r = await api(null, 'POST', `/api/v1/public/offer-generators/${gen.id}/submissions`, { answers: { n: `try ${i}` }, customer: { email: customer, name: 'Cap' } });
    assert.equal(r.status, 201, r.text);
  }

  const s = await openAs(browser, owner, `/projects/${project.projectUid}/offer-generators/${gen.id}`);
  try {
    const { page } = s;
    const delivery = page.locator('#submissions tr').filter({ hasText: customer }).locator('[data-testid=delivery-status]');
    const skipped = delivery.and(page.locator('[data-status=SKIPPED_RATE_LIMITED]'));
    await skipped.waitFor();
    assert.equal(await skipped.count(), 1, 'one submission skipped');
    assert.match(await skipped.textContent(), /^Skipped: too many mails to this address/);
    await eventually(async () => (await delivery.and(page.locator('[data-status=SENT]')).count()) === 3, { timeoutMs: 60_000, what: 'three offers SENT on screen' });
    assert.equal(await delivery.count(), 4, 'all four submissions are listed');
    const mails = await eventually(() => catcherMessages(customer).then((m) => (m.length === 3 ? m : null)), { what: 'three offers at the catcher' });
    assert.equal(mails.length, 3);
  } finally {
    await s.close();
  }
});
