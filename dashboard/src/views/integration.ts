import { api, enc } from '../api';
import { session } from '../auth';
import { badge, formatTime, h, money, replace, table } from '../dom';
import { busy, button, Form, problemBanner } from '../form';
import { currentRender } from '../router';
import { smtpPanel, type SmtpBody, type SmtpView, type TestOutcome } from '../smtpPanel';
import { FINAL, listSection, loadFailed, loadProject, loading, page, poll, routeNotServed } from './common';
import { campaignsSection } from './campaigns';
import { subscribersSection } from './subscribers';
import { deliveryLogSection } from './deliveryLog';
import { apiKeysSection, catalogSection } from './market';
import { TYPE_LABEL, type Integration } from './project';

type IntegrationFull = Integration & { config: { outboundMail: SmtpView | null; subscriptions?: { doubleOptIn: boolean } | null } };

interface InboundMessage {
  id: string;
  email: string;
  name: string | null;
  message: string | null;
  fields: Record<string, unknown>;
  receivedAt: string;
}

interface Reply {
  replyId: string;
  status: string;
  errorCode: string | null;
  recipient: string;
  subject: string;
  createdAt: string;
}

interface Order {
  orderId: string;
  createdAt: string;
  buyer: { email: string; name: string | null };
  total: { amountMinor: number; currency: string };
  emailToCustomer: { status: string; errorCode?: string | null };
}

export async function integrationView(main: HTMLElement, params: Record<string, string>): Promise<void> {
  loading(main);
  const { projectUid, integrationId } = params;
  const base = `/api/v1/projects/${enc(projectUid)}/integrations/${enc(integrationId)}`;
  const [proj, res] = await Promise.all([loadProject(projectUid), api<IntegrationFull>('GET', base)]);
  if (!proj.ok) return loadFailed(main, 'Integration', proj.problem);
  if (!res.ok) return loadFailed(main, 'Integration', res.problem);
  const integ = res.data;
  const owner = proj.data.role === 'OWNER';
  const active = currentRender();

  const sections: HTMLElement[] = [];
  // ---- Connection & settings → Outbound email (SMTP)
  const om = integ.config?.outboundMail ?? null;
  const can = integ.capabilities;
  sections.push(
    h(
      'section',
      { class: 'panel', id: 'connection', 'aria-labelledby': 'connection-title' },
      h('h2', { id: 'connection-title' }, 'Connection & settings'),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Type'),
        h('dd', {}, TYPE_LABEL[integ.type] ?? integ.type),
        h('dt', {}, 'Public key'),
        h('dd', {}, h('code', { class: 'public-key' }, integ.publicKey)),
        can.takesSubmissions
          ? [h('dt', {}, 'Form endpoint'), h('dd', {}, h('code', {}, `POST /api/v1/public/forms/${integ.publicKey}/submissions`))]
          : null,
        integ.type === 'MARKET' ? [h('dt', {}, 'Orders endpoint'), h('dd', {}, h('code', {}, `POST /api/v1/market/${integ.id}/orders`))] : null,
      ),
      can.sendsMail
        ? smtpPanel({
            idPrefix: 'integration',
            saved: om,
            canEdit: owner,
            recipient: session()?.email ?? null,
            save: (smtp: SmtpBody) => api<IntegrationFull>('PATCH', `${base}/config`, { outboundMail: smtp }),
            afterSave: (data) => (data as IntegrationFull).config?.outboundMail ?? null,
            test: (smtp: SmtpBody) => api<TestOutcome>('POST', `${base}/outbound-mail/test`, { outboundMail: smtp }),
            remove: () => api<IntegrationFull>('PATCH', `${base}/config`, { outboundMail: null }),
            historyPath: owner ? `${base}/outbound-mail/audit` : undefined,
            providersPath: `/api/v1/projects/${enc(projectUid)}/smtp-providers`,
            oauthBase: owner ? `${base}/outbound-mail` : undefined,
          })
        : h('p', { class: 'muted' }, 'This kind of integration sends no mail, so it has no outbound email settings.'),
    ),
  );

  if (can.takesSubmissions) sections.push(messagesSection(base, active));
  if (can.takesSubscriptions) {
    sections.push(subscribersSection(base, active, owner, integ.config?.subscriptions?.doubleOptIn ?? false), campaignsSection(base, owner));
  }
  if (integ.type === 'MARKET') {
    sections.push(ordersSection(base, active), catalogSection(base, owner));
    if (owner) sections.push(apiKeysSection(base));
  }
  if (can.sendsMail) sections.push(deliveryLogSection(base, owner, active));

  page(
    main,
    integ.name,
    [
      { label: 'Projects', href: '/' },
      { label: proj.data.name, href: `/projects/${encodeURIComponent(projectUid)}` },
      { label: integ.name },
    ],
    h('p', { class: 'muted' }, `${TYPE_LABEL[integ.type] ?? integ.type} integration`, integ.active ? '' : ' (inactive)'),
    sections.length > 1
      ? h(
          'nav',
          { class: 'in-page', 'aria-label': 'On this page' },
          h('ul', {}, sections.map((s) => h('li', {}, h('a', { href: `#${s.id}` }, s.querySelector('h2')?.textContent ?? s.id)))),
        )
      : null,
    ...sections,
  );
}

// ------------------------------------------------------------------------------------------------ messages
function messagesSection(base: string, active: () => boolean): HTMLElement {
  const body = h('div', { class: 'messages' }, h('p', { class: 'muted' }, 'Loading messages…'));
  const refresh = button('Refresh', { class: 'secondary small' });
  const load = async () => {
    const r = await api<InboundMessage[]>('GET', `${base}/messages`);
    if (!r.ok) return replace(body, problemBanner(r.problem));
    if (!r.data.length) return replace(body, h('p', { class: 'muted' }, 'No messages yet. They arrive when someone submits the form.'));
    replace(body, h('ul', { class: 'message-list' }, r.data.map((m) => h('li', {}, messageCard(base, m, active)))));
  };
  refresh.addEventListener('click', () => void busy(refresh, 'Refreshing…', load));
  void load();
  return h(
    'section',
    { class: 'panel', id: 'messages', 'aria-labelledby': 'messages-title' },
    h('div', { class: 'section-head' }, h('h2', { id: 'messages-title' }, 'Inbound messages'), refresh),
    body,
  );
}

function messageCard(base: string, m: InboundMessage, active: () => boolean): HTMLElement {
  const repliesPath = `${base}/messages/${enc(m.id)}/replies`;
  const repliesEl = h('div', { class: 'replies' });
  const formSlot = h('div', { class: 'reply-form-slot' });
  let polling = false;

  const showReplies = (replies: Reply[]) => {
    replace(
      repliesEl,
      replies.length
        ? h(
            'ul',
            { class: 'reply-list', 'aria-label': 'Replies' },
            replies.map((r) =>
              h(
                'li',
                { 'data-reply-id': r.replyId },
                h('span', { class: 'reply-subject' }, r.subject),
                ' to ',
                r.recipient,
                ' · ',
                h('span', { 'data-testid': 'reply-status', 'data-status': r.status, role: 'status' }, badge(r.status, r.errorCode)),
                ' · ',
                h('time', { datetime: r.createdAt }, formatTime(r.createdAt)),
              ),
            ),
          )
        : null,
    );
  };
  const loadReplies = async (): Promise<boolean> => {
    const r = await api<Reply[]>('GET', repliesPath);
    if (!r.ok) return false;
    showReplies(r.data);
    return r.data.some((x) => !FINAL.has(x.status));
  };
  const follow = () => {
    if (polling) return;
    polling = true;
    poll(
      async () => {
        const more = await loadReplies();
        if (!more) polling = false;
        return more;
      },
      active,
      1000,
    );
  };
  void loadReplies().then((more) => more && follow());

  const open = button('Create reply', { class: 'secondary', 'data-action': 'create-reply', 'aria-expanded': 'false' });
  open.addEventListener('click', () => {
    if (formSlot.firstChild) {
      replace(formSlot);
      open.setAttribute('aria-expanded', 'false');
      return;
    }
    open.setAttribute('aria-expanded', 'true');
    const form = new Form({ class: 'reply-form' });
    const send = h('button', { type: 'submit', class: 'primary' }, 'Send reply');
    const cancel = button('Cancel', { class: 'secondary' });
    form.el.append(
      form.field({ name: 'subject', label: 'Subject', required: true, value: 'Re: your message', maxlength: 300 }),
      form.field({ name: 'text', label: 'Reply', type: 'textarea', rows: 5, required: true }),
      h('div', { class: 'actions' }, send, cancel),
    );
    cancel.addEventListener('click', () => {
      replace(formSlot);
      open.setAttribute('aria-expanded', 'false');
      open.focus();
    });
    form.el.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      await busy(send, 'Sending…', async () => {
        const r = await api<{ replyId: string; status: string }>('POST', repliesPath, {
          subject: form.value('subject').trim(),
          text: form.value('text'),
        });
        if (!r.ok) {
          form.showProblem(r.problem);
          if (r.problem.code === 'OUTBOUND_MAIL_NOT_CONFIGURED') {
            form.banner.querySelector('.banner')?.append(
              h('p', {}, h('a', { href: '#connection' }, 'Go to Connection & settings → Outbound email (SMTP)')),
            );
          }
          return;
        }
        replace(formSlot);
        open.setAttribute('aria-expanded', 'false');
        await loadReplies();
        follow();
        open.focus();
      });
    });
    replace(formSlot, form.el);
    form.input('text').focus();
  });

  return h(
    'article',
    { class: 'message', 'data-message-id': m.id },
    h(
      'header',
      {},
      h('strong', {}, m.name || m.email),
      m.name ? h('span', { class: 'muted' }, ` <${m.email}>`) : null,
      ' · ',
      h('time', { datetime: m.receivedAt }, formatTime(m.receivedAt)),
    ),
    m.message ? h('p', { class: 'message-text' }, m.message) : null,
    m.fields && Object.keys(m.fields).length
      ? h('dl', { class: 'facts small' }, Object.entries(m.fields).map(([k, v]) => [h('dt', {}, k), h('dd', {}, typeof v === 'string' ? v : JSON.stringify(v))]))
      : null,
    h('div', { class: 'actions' }, open),
    formSlot,
    repliesEl,
  );
}

// ------------------------------------------------------------------------------------------------ market orders
function ordersSection(base: string, active: () => boolean): HTMLElement {
  return listSection<Order>({
    id: 'orders',
    title: 'Market orders',
    path: `${base}/market/orders?limit=50`,
    empty: 'No orders yet. Orders come from your shop’s server through the Market API.',
    active,
    // before market-service has the owner's order list, the route is unknown there (404 without our codes)
    failed: (p, status) =>
      routeNotServed(p, status)
        ? h('p', { class: 'muted' }, 'The order list is not available on this server yet.')
        : problemBanner(p),
    render: (orders) => ({
      content: table(
        ['Order', 'Created', 'Buyer', 'Total', 'Email to customer'],
        orders.map((o) => [
          h('code', {}, o.orderId.slice(-8).toUpperCase()), // the confirmation mail's reference: the id's random end
          formatTime(o.createdAt),
          o.buyer?.email ?? '',
          money(o.total?.amountMinor, o.total?.currency),
          h('span', { 'data-testid': 'order-mail-status', 'data-status': o.emailToCustomer?.status }, badge(o.emailToCustomer?.status, o.emailToCustomer?.errorCode)),
        ]),
        'Orders',
      ),
      pending: orders.some((o) => !FINAL.has(o.emailToCustomer?.status)),
    }),
  });
}
