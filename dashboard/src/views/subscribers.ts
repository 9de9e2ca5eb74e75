// FORM integrations: the subscribers (where each stands: waiting for confirmation, subscribed, unsubscribed, with
// their confirmation and welcome mail) and the owner's double opt-in setting.
import { api } from '../api';
import { badge, formatTime, h, table, type Child } from '../dom';
import { busy, Form } from '../form';
import { subscriptionStateText } from '../statuses';
import { FINAL, listSection } from './common';

interface Subscriber {
  id: string;
  email: string;
  name: string | null;
  /** absent from servers before the subscriber lifecycle: every subscriber was subscribed */
  status?: string;
  confirmBy?: string | null;
  confirmedAt?: string | null;
  unsubscribedAt?: string | null;
  confirmationStatus?: string | null;
  confirmationErrorCode?: string | null;
  welcomeStatus: string;
  welcomeErrorCode: string | null;
  createdAt: string;
}

/** data-state, not data-status: the row's data-status badges are its mails */
function stateCell(s: Subscriber): Child {
  const state = s.status ?? 'SUBSCRIBED';
  const t = subscriptionStateText(state);
  const when =
    state === 'PENDING_CONFIRMATION' && s.confirmBy
      ? ` · until ${formatTime(s.confirmBy)}`
      : state === 'UNSUBSCRIBED' && s.unsubscribedAt
        ? ` · ${formatTime(s.unsubscribedAt)}`
        : '';
  return h(
    'span',
    { class: `badge badge-${state.toLowerCase()}`, 'data-testid': 'subscription-state', 'data-state': state, title: t.why },
    t.label,
    when,
  );
}

/** the welcome of a subscriber who has not confirmed yet is not "None": it follows the confirmation */
function welcomeCell(s: Subscriber): Child {
  if (s.status === 'PENDING_CONFIRMATION') return h('span', { class: 'muted' }, 'after the confirmation');
  return badge(s.welcomeStatus, s.welcomeErrorCode);
}

function stillMoving(s: Subscriber): boolean {
  return !FINAL.has(s.welcomeStatus) || (s.confirmationStatus != null && !FINAL.has(s.confirmationStatus));
}

/** the owner's switch; members see the setting */
function doubleOptInSettings(base: string, owner: boolean, initial: boolean, onSaved: () => void): HTMLElement {
  const explain =
    'With double opt-in, a new subscriber first gets a mail (through this integration’s outbound email) with a link to confirm; the welcome mail follows the confirmation, and subscribers who do not confirm are removed.';
  if (!owner) {
    return h('p', { class: 'muted', 'data-testid': 'double-opt-in' }, initial ? 'Double opt-in is on. ' : 'Double opt-in is off. ', explain);
  }
  const form = new Form({ class: 'subscription-settings' });
  const box = h('input', { type: 'checkbox', id: 'double-opt-in', name: 'doubleOptIn', checked: initial });
  const save = h('button', { type: 'submit', class: 'secondary small' }, 'Save');
  form.el.append(
    h('div', { class: 'field field-checkbox' }, box, h('label', { for: 'double-opt-in' }, 'Double opt-in: new subscribers confirm by mail')),
    h('p', { class: 'muted' }, explain),
    h('div', { class: 'actions' }, save),
  );
  form.el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    await busy(save, 'Saving…', async () => {
      const r = await api<{ config: { subscriptions: { doubleOptIn: boolean } | null } }>('PUT', `${base}/subscription-settings`, {
        doubleOptIn: box.checked,
      });
      if (!r.ok) return form.showProblem(r.problem);
      const on = r.data.config.subscriptions?.doubleOptIn ?? box.checked;
      box.checked = on;
      form.showSuccess(on ? 'Double opt-in is on for new subscribers.' : 'Double opt-in is off: new subscribers are subscribed at once.');
      onSaved();
    });
  });
  return form.el;
}

export function subscribersSection(base: string, active: () => boolean, owner: boolean, doubleOptIn: boolean): HTMLElement {
  const section = listSection<Subscriber>({
    id: 'subscribers',
    title: 'Subscribers',
    intro:
      'Every welcome and campaign mail has a one-click unsubscribe link. Welcome mail: “None” without an active campaign, “Not sent: no SMTP configured” when no outbound email was set up, “Skipped: too many mails to this address” when that address already got as many mails this hour as are allowed, “Skipped: unsubscribed” when the subscriber left before it was due.',
    path: `${base}/subscribers`,
    empty: 'No subscribers yet.',
    active,
    render: (subs) => ({
      content: table(
        ['Email', 'Name', 'Subscription', 'Confirmation mail', 'Welcome mail', 'Subscribed'],
        subs.map((s) => [
          s.email,
          s.name ?? '',
          stateCell(s),
          s.confirmationStatus ? badge(s.confirmationStatus, s.confirmationErrorCode) : h('span', { class: 'muted' }, '—'),
          welcomeCell(s),
          formatTime(s.createdAt),
        ]),
        'Subscribers',
      ),
      pending: subs.some(stillMoving),
    }),
  });
  const refresh = section.querySelector<HTMLButtonElement>('.section-head button');
  section.querySelector('.section-head')?.after(doubleOptInSettings(base, owner, doubleOptIn, () => refresh?.click()));
  return section;
}
