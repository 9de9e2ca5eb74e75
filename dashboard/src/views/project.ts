import { api, enc } from '../api';
import { formatTime, h, money, table } from '../dom';
import { busy, Form, problemBanner } from '../form';
import { navigate } from '../router';
import { loadFailed, loadProject, loading, page } from './common';
import { membersSection } from './members';

export interface Integration {
  id: string;
  projectUid: string;
  type: 'FORM' | 'CONTACT_FORM' | 'MARKET' | 'WEBHOOK' | string;
  name: string;
  publicKey: string;
  active: boolean;
  /** what the type can do, as integration-service says (the dashboard keeps no list of types per capability) */
  capabilities: { sendsMail: boolean; takesSubmissions: boolean; takesSubscriptions: boolean };
  config: { outboundMail: unknown | null };
  createdAt: string;
}

export interface Generator {
  id: string;
  projectUid: string;
  name: string;
  currency: string;
  basePriceMinor: number;
  marketIntegrationId: string | null;
  wizard: unknown;
  createdAt: string;
}

export const TYPE_LABEL: Record<string, string> = {
  FORM: 'Form',
  CONTACT_FORM: 'Contact form',
  MARKET: 'Market',
  WEBHOOK: 'Webhook',
};

const EXAMPLE_WIZARD = {
  steps: [
    {
      id: 'size',
      title: 'Size',
      fields: [
        {
          id: 'size',
          label: 'Size',
          type: 'CHOICE',
          options: [
            { id: 's', label: 'Small', priceMinor: 0 },
            { id: 'l', label: 'Large', priceMinor: 5000 },
          ],
        },
      ],
    },
  ],
};

export async function projectView(main: HTMLElement, params: Record<string, string>): Promise<void> {
  loading(main);
  const p = params.projectUid;
  const [proj, ints, gens] = await Promise.all([
    loadProject(p),
    api<Integration[]>('GET', `/api/v1/projects/${enc(p)}/integrations`),
    api<Generator[]>('GET', `/api/v1/projects/${enc(p)}/offer-generators`),
  ]);
  if (!proj.ok) return loadFailed(main, 'Project', proj.problem);
  const owner = proj.data.role === 'OWNER';
  const base = `/projects/${encodeURIComponent(p)}`;

  const integrations = ints.ok
    ? ints.data.length
      ? table(
          ['Integration', 'Type', 'Outbound email', 'Created'],
          ints.data.map((i) => [
            h('a', { href: `${base}/integrations/${encodeURIComponent(i.id)}`, 'data-link': true }, i.name),
            TYPE_LABEL[i.type] ?? i.type,
            i.type === 'WEBHOOK' ? '—' : i.config?.outboundMail ? 'Configured' : 'Not configured',
            formatTime(i.createdAt),
          ]),
          'Integrations',
        )
      : h('p', { class: 'muted' }, 'No integrations yet.')
    : problemBanner(ints.problem);

  const intForm = new Form({ class: 'create-integration' });
  const intSubmit = h('button', { type: 'submit', class: 'primary' }, 'Create integration');
  intForm.el.append(
    h(
      'div',
      { class: 'grid' },
      intForm.field({
        name: 'type',
        label: 'Type',
        type: 'select',
        value: 'CONTACT_FORM',
        options: ['FORM', 'CONTACT_FORM', 'MARKET', 'WEBHOOK'].map((t) => ({ value: t, label: TYPE_LABEL[t] })),
      }),
      intForm.field({ name: 'name', label: 'Name', required: true, maxlength: 200 }),
    ),
    h('div', { class: 'actions' }, intSubmit),
  );
  intForm.el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    await busy(intSubmit, 'Creating…', async () => {
      const r = await api<Integration>('POST', `/api/v1/projects/${enc(p)}/integrations`, {
        type: intForm.value('type'),
        name: intForm.value('name').trim(),
      });
      if (r.ok) navigate(`${base}/integrations/${encodeURIComponent(r.data.id)}`);
      else intForm.showProblem(r.problem);
    });
  });

  const generators = gens.ok
    ? gens.data.length
      ? table(
          ['Offer generator', 'Currency', 'Base price', 'Created'],
          gens.data.map((g) => [
            h('a', { href: `${base}/offer-generators/${encodeURIComponent(g.id)}`, 'data-link': true }, g.name),
            g.currency,
            money(g.basePriceMinor, g.currency),
            formatTime(g.createdAt),
          ]),
          'Offer generators',
        )
      : h('p', { class: 'muted' }, 'No offer generators yet.')
    : gens.status === 403
      ? h('p', { class: 'muted' }, 'Only the project’s owner sees offer generators.')
      : ['PROJECT_NOT_FOUND', 'PROJECT_NOT_YET_VISIBLE'].includes(gens.problem.code)
        ? // the project exists (integration-service answered): offer-generator-service learns of new projects
          // from Kafka a moment later (api() already waited for it a few seconds)
          h('p', { class: 'muted', role: 'status' }, 'The offer generator service has not heard of this new project yet; reload in a few seconds.')
        : problemBanner(gens.problem);

  const genForm = new Form({ class: 'create-generator' });
  const genSubmit = h('button', { type: 'submit', class: 'primary' }, 'Create offer generator');
  const markets = ints.ok ? ints.data.filter((i) => i.type === 'MARKET') : [];
  genForm.el.append(
    h(
      'div',
      { class: 'grid' },
      genForm.field({ name: 'name', label: 'Name', required: true, maxlength: 200 }),
      genForm.field({ name: 'currency', label: 'Currency (ISO 4217)', value: 'EUR', required: true, maxlength: 3 }),
      genForm.field({ name: 'basePriceMinor', label: 'Base price (minor units, e.g. cents)', type: 'number', value: 10000, inputmode: 'numeric', required: true }),
      genForm.field({
        name: 'marketIntegrationId',
        label: 'Linked Market integration',
        type: 'select',
        value: '',
        options: [{ value: '', label: 'None' }, ...markets.map((m) => ({ value: m.id, label: m.name }))],
        hint: 'Optional. The generator still mails only through its own SMTP settings.',
      }),
    ),
    genForm.field({
      name: 'wizard',
      label: 'Wizard (JSON)',
      type: 'textarea',
      rows: 10,
      value: JSON.stringify(EXAMPLE_WIZARD, null, 2),
      hint: 'Steps with CHOICE, NUMBER or TEXT fields; see docs/offer-generator-service.md.',
    }),
    h('div', { class: 'actions' }, genSubmit),
  );
  genForm.el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    let wizard: unknown;
    try {
      wizard = JSON.parse(genForm.value('wizard'));
    } catch {
      genForm.clearErrors();
      genForm.setFieldError('wizard', 'This is not valid JSON.');
      genForm.focusFirstError();
      return;
    }
    const priceText = genForm.value('basePriceMinor').trim();
    await busy(genSubmit, 'Creating…', async () => {
      const r = await api<Generator>('POST', `/api/v1/projects/${enc(p)}/offer-generators`, {
        name: genForm.value('name').trim(),
        currency: genForm.value('currency').trim().toUpperCase(),
        basePriceMinor: /^\d+$/.test(priceText) ? Number(priceText) : priceText,
        marketIntegrationId: genForm.optional('marketIntegrationId'),
        wizard,
      });
      if (r.ok) navigate(`${base}/offer-generators/${encodeURIComponent(r.data.id)}`);
      else
        genForm.showProblem(
          r.problem,
          (f) => (f.startsWith('wizard') ? 'wizard' : f),
          (e) => (e.field.startsWith('wizard.') ? `${e.field}: ${e.message}` : e.message),
        );
    });
  });

  page(
    main,
    proj.data.name,
    [{ label: 'Projects', href: '/' }, { label: proj.data.name }],
    h('p', { class: 'muted' }, owner ? 'You own this project.' : 'You are a member of this project.'),
    h('section', { class: 'panel', 'aria-labelledby': 'int-list' }, h('h2', { id: 'int-list' }, 'Integrations'), integrations),
    owner ? h('section', { class: 'panel', 'aria-labelledby': 'int-new' }, h('h2', { id: 'int-new' }, 'New integration'), intForm.el) : null,
    h('section', { class: 'panel', 'aria-labelledby': 'gen-list' }, h('h2', { id: 'gen-list' }, 'Offer generators'), generators),
    owner ? h('section', { class: 'panel', 'aria-labelledby': 'gen-new' }, h('h2', { id: 'gen-new' }, 'New offer generator'), genForm.el) : null,
    membersSection(p, owner),
  );
}
