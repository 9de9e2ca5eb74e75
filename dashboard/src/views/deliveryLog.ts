// The delivery log of an integration's or an offer generator's mail (mail-dispatch-service, docs/dispatch.md):
// every mail with its attempts, live like the operators' dispatch log; the owner retries a deferred mail now or
// cancels a queued or deferred one, and lifts an address from the suppression list. Members read.

import { api } from '../api';
import { badge, formatTime, h, replace, table } from '../dom';
import { busy, button, Form, problemBanner } from '../form';
import { explainCode } from '../messages';

interface SmtpReply {
  code: number | null;
  enhancedCode: string | null;
  message: string | null;
}

interface Attempt {
  attempt: number;
  status: string;
  at: string;
  smtp: SmtpReply | null;
  smtpStep: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  nextAttemptAt: string | null;
}

interface Entry {
  messageId: string;
  purpose: string | null;
  recipients: string[];
  status: string;
  errorCode: string | null;
  errorMessage: string | null;
  smtp: SmtpReply | null;
  attempt: number;
  nextAttemptAt: string | null;
  createdAt: string;
  cancel: { requestedAt: string; outcome: 'CANCELLED' | 'PENDING' | 'TOO_LATE' } | null;
  attempts: Attempt[];
}

interface Page {
  messages: Entry[];
  nextCursor: string | null;
}

interface Suppression {
  address: string;
  messageId: string;
  smtp: SmtpReply | null;
  suppressedAt: string;
  expiresAt: string;
}

const STATUSES = ['', 'QUEUED', 'DEFERRED', 'SENT', 'FAILED', 'NOT_CONFIGURED', 'REJECTED', 'CANCELLED'];
const PURPOSES = ['', 'INBOUND_REPLY', 'WELCOME', 'ORDER_CONFIRMATION', 'OFFER_DELIVERY', 'OFFER_INTERNAL_NOTIFICATION', 'SMTP_TEST'];
const PAGE_SIZE = 25;
/** the query parameters the log answers 400 for, and the filter field each belongs to */
const FIELD_OF: Record<string, string> = {
  STATUS_INVALID: 'status',
  PURPOSE_INVALID: 'purpose',
  RECIPIENT_FILTER_INVALID: 'recipient',
  SINCE_INVALID: 'since',
};

function reply(smtp: SmtpReply | null): string {
  return smtp ? [smtp.code, smtp.enhancedCode, smtp.message].filter((x) => x !== null && x !== undefined && x !== '').join(' ') : '';
}

/** the code with the sentence a person reads (ours, else the catalogue's from the server) */
function reason(code: string | null, serverSentence: string | null): HTMLElement | string {
  if (!code) return '';
  const sentence = explainCode(code)?.sentence ?? serverSentence ?? '';
  return h('span', { class: 'reason', 'data-code': code }, sentence, ' ', h('code', {}, code));
}

function attemptsList(e: Entry): HTMLElement | string {
  if (!e.attempts.length) return '';
  return h(
    'details',
    { class: 'attempts' },
    h('summary', {}, `${e.attempts.length} attempt(s)`),
    h(
      'ol',
      {},
      e.attempts.map((a) =>
        h(
          'li',
          { 'data-testid': 'attempt', 'data-status': a.status },
          h('time', { datetime: a.at }, formatTime(a.at)),
          ' · ',
          badge(a.status),
          a.smtp ? [' · ', h('span', { class: 'smtp-reply' }, reply(a.smtp))] : null,
          a.errorCode ? [' · ', reason(a.errorCode, a.errorMessage)] : null,
          a.nextAttemptAt ? [' · next attempt ', h('time', { datetime: a.nextAttemptAt }, formatTime(a.nextAttemptAt))] : null,
        ),
      ),
    ),
  );
}

function cancelNote(e: Entry): string {
  if (!e.cancel) return '';
  if (e.cancel.outcome === 'PENDING') return 'Cancel requested…';
  if (e.cancel.outcome === 'TOO_LATE') return 'Cancel came too late: the mail had already gone to the server.';
  return '';
}

/**
 * The panel: filters, the live log with the owner's actions, paging to older mail, and the suppression list.
 * `base` is the integration's or offer generator's API path.
 */
export function deliveryLogSection(base: string, owner: boolean, active: () => boolean): HTMLElement {
  const log = `${base}/delivery/messages`;
  const form = new Form({ class: 'delivery-filter', role: 'search', 'aria-label': 'Filter the delivery log' });
  const live = h('input', { type: 'checkbox', id: 'delivery-live', checked: true });
  form.el.append(
    h(
      'div',
      { class: 'grid' },
      form.field({ name: 'status', label: 'Status', type: 'select', value: '', options: STATUSES.map((s) => ({ value: s, label: s || 'Any' })) }),
      form.field({ name: 'purpose', label: 'Kind of mail', type: 'select', value: '', options: PURPOSES.map((s) => ({ value: s, label: s || 'Any' })) }),
      form.field({ name: 'recipient', label: 'Recipient contains', value: '', maxlength: 254 }),
      form.field({ name: 'since', label: 'Since (your local time)', type: 'datetime-local', value: '' }),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'secondary' }, 'Apply filter'), h('span', { class: 'field-checkbox' }, live, h('label', { for: 'delivery-live' }, 'Live (refresh every 2 s)'))),
  );
  const actionBanner = h('div', { class: 'action-banner', 'aria-live': 'polite' });
  const body = h('div', { class: 'delivery-log' }, h('p', { class: 'muted' }, 'Loading…'));
  const updated = h('p', { class: 'muted updated' });
  const older = button('Older mail', { class: 'secondary small', hidden: true, 'data-action': 'older' });
  /** the cursors of the pages before the one shown (the first page is live; older pages are not refreshed) */
  let cursor: string | null = null;
  let next: string | null = null;

  const query = (): URLSearchParams => {
    const q = new URLSearchParams();
    for (const name of ['status', 'purpose']) if (form.value(name)) q.set(name, form.value(name));
    const recipient = form.value('recipient').trim();
    if (recipient) q.set('recipient', recipient);
    const since = form.value('since');
    if (since && !Number.isNaN(new Date(since).getTime())) q.set('since', new Date(since).toISOString());
    q.set('limit', String(PAGE_SIZE));
    if (cursor) q.set('cursor', cursor);
    return q;
  };

  const act = async (btn: HTMLButtonElement, label: string, path: string, done: string) => {
    await busy(btn, label, async () => {
      const r = await api<Entry>('POST', path);
      replace(actionBanner, r.ok ? h('div', { class: 'banner banner-ok', role: 'status' }, done) : problemBanner(r.problem));
      await load(false);
    });
  };

  const actions = (e: Entry): HTMLElement | string => {
    if (!owner) return '';
    const path = `${log}/${encodeURIComponent(e.messageId)}`;
    const out = h('div', { class: 'row-actions' });
    if (e.status === 'DEFERRED' && !e.cancel) {
      const retry = button('Retry now', { class: 'secondary small', 'data-action': 'retry' });
      retry.addEventListener('click', () => void act(retry, 'Retrying…', `${path}/retry`, 'The mail is attempted again now.'));
      out.append(retry);
    }
    if ((e.status === 'QUEUED' || e.status === 'DEFERRED') && !e.cancel) {
      const cancel = button('Cancel', { class: 'secondary small danger', 'data-action': 'cancel' });
      cancel.addEventListener('click', () => void act(cancel, 'Cancelling…', `${path}/cancel`, 'The mail is cancelled (unless it had already gone to the server).'));
      out.append(cancel);
    }
    return out.childElementCount ? out : '';
  };

  const load = async (explicit: boolean) => {
    const r = await api<Page>('GET', `${log}?${query()}`);
    if (!active()) return;
    if (!r.ok) {
      form.clearErrors();
      const f = FIELD_OF[r.problem.code];
      if (f) form.setFieldError(f, r.problem.detail ?? 'Not a valid value.');
      if (explicit) form.focusFirstError();
      replace(body, problemBanner(r.problem));
      return;
    }
    form.clearErrors();
    next = r.data.nextCursor;
    older.hidden = !next;
    const rows = r.data.messages;
    replace(
      body,
      rows.length
        ? table(
            ['Requested', 'Recipient', 'Kind', 'Status', 'Reason / SMTP reply', 'Next attempt', 'Attempts', ''],
            rows.map((e) => [
              h('time', { datetime: e.createdAt }, formatTime(e.createdAt)),
              e.recipients.join(', '),
              e.purpose ?? '',
              h('span', { 'data-testid': 'delivery-log-status', 'data-status': e.status, 'data-message-id': e.messageId }, badge(e.status)),
              h('div', {}, reason(e.errorCode, e.errorMessage), e.smtp ? h('div', { class: 'smtp-reply muted' }, reply(e.smtp)) : null, cancelNote(e) ? h('div', { class: 'muted' }, cancelNote(e)) : null),
              e.nextAttemptAt ? h('time', { datetime: e.nextAttemptAt }, formatTime(e.nextAttemptAt)) : '',
              attemptsList(e),
              actions(e),
            ]),
            'Delivery log, newest first',
          )
        : h('p', { class: 'muted' }, cursor ? 'No older mail.' : 'No mail matches.'),
    );
    replace(updated, `Updated ${new Date().toLocaleTimeString()} · ${rows.length} mail(s)${cursor ? ' (older page)' : ', newest first'}.`);
  };

  form.el.addEventListener('submit', (ev) => {
    ev.preventDefault();
    cursor = null;
    void load(true);
  });
  older.addEventListener('click', () => {
    cursor = next;
    void busy(older, 'Loading…', () => load(false));
  });

  const tick = () => {
    if (!active()) return;
    const again = () => window.setTimeout(tick, 2000);
    // only the newest page is live; an older page stays as it was read
    if (live.checked && !cursor && document.visibilityState !== 'hidden') void load(false).finally(again);
    else again();
  };
  void load(false).finally(() => window.setTimeout(tick, 2000));

  return h(
    'section',
    { class: 'panel', id: 'delivery-log', 'aria-labelledby': 'delivery-log-title' },
    h('h2', { id: 'delivery-log-title' }, 'Delivery log'),
    h('p', { class: 'muted' }, 'Every mail sent with these settings, newest first: each attempt with the server’s reply. ', owner ? 'You can retry a deferred mail now or cancel one that has not gone yet.' : 'Only the project’s owner can retry or cancel.'),
    form.el,
    actionBanner,
    updated,
    body,
    h('div', { class: 'actions' }, older),
    suppressionList(`${base}/delivery/suppressions`, owner),
  );
}

function suppressionList(path: string, owner: boolean): HTMLElement {
  const body = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const banner = h('div', { 'aria-live': 'polite' });
  const refresh = button('Refresh', { class: 'secondary small' });
  const load = async () => {
    const r = await api<Suppression[]>('GET', path);
    if (!r.ok) return replace(body, problemBanner(r.problem));
    if (!r.data.length) return replace(body, h('p', { class: 'muted' }, 'No address is suppressed.'));
    replace(
      body,
      table(
        ['Address', 'Refused with', 'Since', 'Until', ''],
        r.data.map((s) => {
          let lift: HTMLElement | string = '';
          if (owner) {
            const b = button('Lift', { class: 'secondary small', 'data-action': 'lift', 'data-address': s.address });
            b.addEventListener('click', () =>
              void busy(b, 'Lifting…', async () => {
                const d = await api('DELETE', `${path}/${encodeURIComponent(s.address)}`);
                replace(banner, d.ok ? h('div', { class: 'banner banner-ok', role: 'status' }, `${s.address} gets mail again.`) : problemBanner(d.problem));
                await load();
              }),
            );
            lift = b;
          }
          return [h('span', { 'data-testid': 'suppressed-address' }, s.address), reply(s.smtp), formatTime(s.suppressedAt), formatTime(s.expiresAt), lift];
        }),
        'Suppressed recipients',
      ),
    );
  };
  refresh.addEventListener('click', () => void busy(refresh, 'Refreshing…', load));
  void load();
  return h(
    'div',
    { class: 'suppressions', id: 'suppressions' },
    h('div', { class: 'section-head' }, h('h3', {}, 'Suppressed recipients'), refresh),
    h('p', { class: 'muted' }, 'An address whose server refused a mail permanently gets no further mail from these settings for a while, so your sender reputation does not suffer. ', owner ? 'Lift it when the address works again.' : ''),
    banner,
    body,
  );
}
