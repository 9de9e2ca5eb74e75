// Market integrations: the catalog (products) and the integrator API keys the shop's server uses to create orders.
import { api, enc } from '../api';
import { formatTime, h, money, replace, table } from '../dom';
import { busy, button, Form, problemBanner } from '../form';
import { loadedList } from './common';

interface Product {
  id: string;
  sku: string;
  name: string;
  priceMinor: number;
  currency: string;
  createdAt: string;
}

interface ApiKey {
  id: string;
  name: string | null;
  prefix: string;
  key?: string | null;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export function catalogSection(base: string, owner: boolean): HTMLElement {
  const { el: list, load } = loadedList<Product>(`${base}/market/products`, 'No products yet.', (products) => ({
    content: table(['SKU', 'Name', 'Price'], products.map((p) => [h('code', {}, p.sku), p.name, money(p.priceMinor, p.currency)]), 'Products'),
    pending: false,
  }));
  void load();
  const form = new Form({ class: 'create-product' });
  const add = h('button', { type: 'submit', class: 'primary' }, 'Add product');
  form.el.append(
    h(
      'div',
      { class: 'grid' },
      form.field({ name: 'sku', label: 'SKU', required: true, maxlength: 64, hint: 'Letters, digits, . _ - (what the shop sends in orders).' }),
      form.field({ name: 'name', label: 'Product name', required: true, maxlength: 200 }),
      form.field({ name: 'priceMinor', label: 'Price (minor units, e.g. cents)', type: 'number', required: true, inputmode: 'numeric' }),
      form.field({ name: 'currency', label: 'Currency (ISO 4217)', value: 'EUR', required: true, maxlength: 3 }),
    ),
    h('div', { class: 'actions' }, add),
  );
  form.el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    await busy(add, 'Adding…', async () => {
      const price = form.value('priceMinor').trim();
      const r = await api<Product>('POST', `${base}/market/products`, {
        sku: form.value('sku').trim(),
        name: form.value('name').trim(),
        priceMinor: /^\d+$/.test(price) ? Number(price) : null,
        currency: form.value('currency').trim().toUpperCase(),
      });
      if (!r.ok) {
        // market-service names fields by code (SKU_INVALID, …) and sometimes without errors[]: map both
        const byCode: Record<string, string> = { SKU_INVALID: 'sku', SKU_EXISTS: 'sku', NAME_INVALID: 'name', PRICE_INVALID: 'priceMinor', CURRENCY_INVALID: 'currency' };
        form.showProblem(r.problem);
        const f = byCode[r.problem.code];
        if (f && !(r.problem.errors ?? []).length && form.setFieldError(f, r.problem.detail ?? r.problem.code)) form.focusFirstError();
        return;
      }
      form.el.reset();
      form.input('currency').value = 'EUR';
      form.showSuccess(`Added ${r.data.sku}.`);
      await load();
    });
  });
  return h(
    'section',
    { class: 'panel', id: 'catalog', 'aria-labelledby': 'catalog-title' },
    h('h2', { id: 'catalog-title' }, 'Catalog'),
    list,
    owner ? [h('h3', {}, 'Add a product'), form.el] : null,
  );
}

export function apiKeysSection(base: string): HTMLElement {
  const created = h('div', { 'aria-live': 'polite' });
  const row = (k: ApiKey) => {
    const revoke = k.revokedAt ? null : button('Revoke', { class: 'secondary small', 'aria-label': `Revoke key ${k.prefix}` });
    revoke?.addEventListener('click', () =>
      void busy(revoke, 'Revoking…', async () => {
        const d = await api('DELETE', `${base}/market/api-keys/${enc(k.id)}`);
        if (!d.ok) replace(created, problemBanner(d.problem));
        await load();
      }),
    );
    return [k.name ?? '', h('code', {}, `${k.prefix}_…`), formatTime(k.createdAt), k.lastUsedAt ? formatTime(k.lastUsedAt) : 'never', k.revokedAt ? `revoked ${formatTime(k.revokedAt)}` : revoke];
  };
  const { el: list, load } = loadedList<ApiKey>(`${base}/market/api-keys`, 'No API keys yet.', (keys) => ({
    content: table(['Name', 'Key', 'Created', 'Last used', ''], keys.map(row), 'API keys'),
    pending: false,
  }));
  void load();
  const form = new Form({ class: 'create-key' });
  const make = h('button', { type: 'submit', class: 'primary' }, 'Create API key');
  form.el.append(form.field({ name: 'name', label: 'Key name', maxlength: 100, hint: 'Optional, e.g. the shop’s server.' }), h('div', { class: 'actions' }, make));
  form.el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    await busy(make, 'Creating…', async () => {
      const r = await api<ApiKey>('POST', `${base}/market/api-keys`, { name: form.optional('name') });
      if (!r.ok) return form.showProblem(r.problem);
      form.el.reset();
      form.clearErrors();
      replace(
        created,
        h(
          'div',
          { class: 'banner banner-ok', role: 'status' },
          h('p', { class: 'banner-title' }, 'New API key — copy it now, it is shown only once:'),
          h('p', {}, h('code', { class: 'new-api-key' }, r.data.key ?? '')),
          h('p', { class: 'muted' }, 'The shop’s server sends it as Authorization: Bearer <key> to create orders.'),
        ),
      );
      await load();
    });
  });
  return h(
    'section',
    { class: 'panel', id: 'api-keys', 'aria-labelledby': 'api-keys-title' },
    h('h2', { id: 'api-keys-title' }, 'API keys'),
    created,
    list,
    form.el,
  );
}
