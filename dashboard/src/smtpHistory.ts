// "SMTP change history": the owner's view of the settings' audit trail (who saved, removed or tested them, when, from
// where, which fields changed and what a test answered). The service records field names only, never values, and
// this panel has nothing else to show.

import { formatTime, h, table } from './dom';
import { busy, button, problemBanner } from './form';
import { explainCode } from './messages';
import { loadedList, routeNotServed } from './views/common';

export interface AuditEntry {
  occurredAt: string;
  action: 'SAVED' | 'REMOVED' | 'TESTED' | string;
  actorUserId: string;
  actorEmail: string | null;
  changedFields: string[];
  outcome: string | null;
  clientAddress: string | null;
}

const ACTION_LABEL: Record<string, string> = { SAVED: 'Saved', REMOVED: 'Removed', TESTED: 'Test email' };

/** the audit's field names (the same in both services: `host`, …, then offer generators' own fields) as labelled */
const FIELD_LABEL: Record<string, string> = {
  host: 'SMTP host',
  port: 'Port',
  security: 'Security',
  username: 'Username',
  password: 'Password',
  fromAddress: 'From address',
  fromName: 'From name',
  replyTo: 'Reply-to address',
  provider: 'Provider',
  limits: 'Sending limits',
  oauth2: 'OAuth2 connection',
  internalNotificationAddress: 'Internal notification address',
  'branding.companyName': 'Company name',
  'branding.logoUrl': 'Logo URL',
  'branding.primaryColor': 'Primary colour',
  'branding.footerText': 'Footer text',
};

export const HISTORY_LIMIT = 50;

/** The history panel of one SMTP profile; `reload` is called by the SMTP panel after a save, test or removal. */
export function smtpHistory(idPrefix: string, path: string): { el: HTMLElement; reload: () => Promise<boolean> } {
  const titleId = `${idPrefix}-history-title`;
  const { el: body, load } = loadedList<AuditEntry>(
    `${path}?limit=${HISTORY_LIMIT}`,
    'Nothing recorded yet: saves, removals and test emails of these settings appear here.',
    (entries) => ({ content: entriesTable(entries), pending: false }),
    (p, status) => (routeNotServed(p, status) ? h('p', { class: 'muted' }, 'The change history is not available on this server yet.') : problemBanner(p)),
  );
  const refresh = button('Refresh', { class: 'secondary small', 'data-action': 'refresh-history' });
  refresh.addEventListener('click', () => void busy(refresh, 'Refreshing…', load));
  void load();
  const el = h(
    'section',
    { class: 'smtp-history', id: `${idPrefix}-history`, 'aria-labelledby': titleId, 'data-testid': 'smtp-history' },
    h('div', { class: 'section-head' }, h('h4', { id: titleId }, 'SMTP change history'), refresh),
    h(
      'p',
      { class: 'muted' },
      `Who saved, removed or tested these settings, newest first (the last ${HISTORY_LIMIT}). Only the names of changed fields are recorded — never a password or any other value.`,
    ),
    body,
  );
  return { el, reload: load };
}

function entriesTable(entries: AuditEntry[]): HTMLElement {
  return table(
    ['When', 'What', 'Who', 'Changed fields', 'Outcome', 'From'],
    entries.map((e) => [
      h('time', { datetime: e.occurredAt }, formatTime(e.occurredAt)),
      h('span', { 'data-action': e.action }, ACTION_LABEL[e.action] ?? e.action),
      h('span', { title: e.actorUserId }, e.actorEmail || e.actorUserId),
      changed(e),
      outcome(e),
      e.clientAddress ? h('code', {}, e.clientAddress) : '—',
    ]),
    'SMTP change history, newest first',
  );
}

function changed(e: AuditEntry): Node | string {
  const fields = Array.isArray(e.changedFields) ? e.changedFields : [];
  if (fields.length) {
    return h(
      'ul',
      { class: 'changed-fields' },
      fields.map((f) => h('li', { 'data-field': f }, FIELD_LABEL[f] ?? f)),
    );
  }
  if (e.action === 'REMOVED') return 'all (settings and stored password removed)';
  if (e.action === 'SAVED') return 'none (saved unchanged)';
  return '—';
}

function outcome(e: AuditEntry): Node | string {
  if (!e.outcome) return '—';
  if (e.outcome === 'SENT') return h('span', { class: 'badge badge-sent', 'data-outcome': 'SENT' }, 'Sent');
  const why = explainCode(e.outcome)?.sentence;
  return h(
    'span',
    { class: 'outcome-error', 'data-outcome': e.outcome },
    h('span', { class: 'badge badge-failed' }, 'Not sent'),
    ' ',
    h('code', {}, e.outcome),
    why ? h('span', { class: 'muted' }, ` — ${why}`) : null,
  );
}
