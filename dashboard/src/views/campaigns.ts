// FORM integrations: the welcome campaign (ON_EVENT / SUBSCRIBER_CREATED). The newest active one decides the
// welcome mail of each new subscriber; its mail leaves only through the integration's own outbound email.
import { api } from '../api';
import { formatTime, h, table, type Child } from '../dom';
import { busy, Form } from '../form';
import { loadedList } from './common';

interface Campaign {
  id: string;
  name: string;
  subject: string;
  active: boolean;
  /** why the service deactivated it (e.g. a template that no longer passes the checks); absent otherwise */
  deactivatedReason?: string | { code?: string; message?: string } | null;
  createdAt: string;
}

/** the reason as one sentence: the contract's string, or {code, message} as the service may send it */
function reasonText(c: Campaign): string | null {
  const r = c.deactivatedReason;
  if (!r) return null;
  if (typeof r === 'string') return r;
  return [r.message, r.code ? `(${r.code})` : null].filter(Boolean).join(' ') || null;
}

function activeCell(c: Campaign): Child {
  if (c.active) return 'yes';
  const reason = reasonText(c);
  if (!reason) return 'no';
  return h('span', { class: 'deactivated', 'data-testid': 'campaign-deactivated' }, 'no — deactivated: ', reason);
}

/** deactivated campaigns said out loud above the list: their subscribers silently getting no welcome mail is the risk */
function deactivatedBanner(campaigns: Campaign[]): Child {
  const off = campaigns.filter((c) => !c.active && reasonText(c));
  if (!off.length) return null;
  return h(
    'div',
    { class: 'banner banner-warn', role: 'status', 'data-testid': 'campaigns-deactivated' },
    h('p', { class: 'banner-title' }, off.length === 1 ? 'A welcome campaign was deactivated.' : `${off.length} welcome campaigns were deactivated.`),
    h('ul', {}, off.map((c) => h('li', {}, h('strong', {}, c.name), ': ', reasonText(c)))),
    h('p', {}, 'New subscribers get no welcome mail from ', off.length === 1 ? 'it' : 'them', '. Create a corrected campaign to send welcome mail again.'),
  );
}

export function campaignsSection(base: string, owner: boolean): HTMLElement {
  const { el: list, load } = loadedList<Campaign>(
    `${base}/campaigns`,
    'No welcome campaign: new subscribers get no welcome mail (status NONE).',
    (campaigns) => ({
      content: [
        deactivatedBanner(campaigns),
        table(['Campaign', 'Subject', 'Active', 'Created'], campaigns.map((c) => [c.name, c.subject, activeCell(c), formatTime(c.createdAt)]), 'Welcome campaigns'),
      ],
      pending: false,
    }),
  );
  void load();
  const form = new Form({ class: 'create-campaign' });
  const save = h('button', { type: 'submit', class: 'primary' }, 'Create welcome campaign');
  const active = h('input', { type: 'checkbox', id: 'campaign-active', name: 'active', checked: true });
  form.el.append(
    h(
      'div',
      { class: 'grid' },
      form.field({ name: 'name', label: 'Campaign name', required: true, maxlength: 100, value: 'Welcome' }),
      form.field({ name: 'subject', label: 'Subject', required: true, maxlength: 300, value: 'Welcome, {name}!', hint: 'The same placeholders as the body.' }),
    ),
    form.field({
      name: 'bodyTemplate',
      label: 'Body (HTML, Qute template)',
      type: 'textarea',
      rows: 5,
      required: true,
      value: '<p>Hello {name},</p>\n<p>thanks for subscribing with {email}.</p>',
      hint: 'Placeholders: {name}, {email}, {fields.<id>} — nothing else; write \\{ for a literal brace. Values are HTML-escaped.',
    }),
    h('div', { class: 'field field-checkbox' }, active, h('label', { for: 'campaign-active' }, 'Active (sends to new subscribers)')),
    h('div', { class: 'actions' }, save),
  );
  form.el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    await busy(save, 'Creating…', async () => {
      const r = await api<Campaign>('POST', `${base}/campaigns`, {
        name: form.value('name').trim(),
        trigger: 'ON_EVENT',
        event: 'SUBSCRIBER_CREATED',
        subject: form.value('subject'),
        bodyTemplate: form.value('bodyTemplate'),
        active: active.checked,
      });
      if (!r.ok) return form.showProblem(r.problem);
      form.showSuccess(`Campaign “${r.data.name}” created.`);
      await load();
    });
  });
  return h(
    'section',
    { class: 'panel', id: 'campaigns', 'aria-labelledby': 'campaigns-title' },
    h('h2', { id: 'campaigns-title' }, 'Welcome mail'),
    list,
    owner ? form.el : null,
  );
}
