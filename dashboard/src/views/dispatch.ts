import { api } from '../api';
import { isOperator, session } from '../auth';
import { badge, formatTime, h, replace, table } from '../dom';
import { Form, problemBanner } from '../form';
import { explainCode } from '../messages';
import { currentRender } from '../router';
import { page } from './common';

interface DispatchMessage {
  messageId: string;
  profileRef: string;
  purpose: string;
  status: string;
  attempt: number;
  smtp: { code: number | null; message: string | null } | null;
  errorCode: string | null;
  createdAt: string;
  updatedAt: string;
  nextAttemptAt: string | null;
}

const STATUSES = ['', 'QUEUED', 'DEFERRED', 'SENT', 'FAILED', 'NOT_CONFIGURED', 'REJECTED', 'CANCELLED'];

/** an ISO instant as the value of a datetime-local input (local time, minutes) */
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function dispatchView(main: HTMLElement): void {
  if (!isOperator(session())) {
    page(
      main,
      'Dispatch log',
      [{ label: 'Projects', href: '/' }, { label: 'Dispatch log' }],
      h('div', { class: 'banner banner-error', role: 'alert' }, 'The dispatch log is for operators only (JWT group “operator”).'),
    );
    return;
  }
  const active = currentRender();
  const params = new URLSearchParams(window.location.search);
  const form = new Form({ class: 'dispatch-filter', role: 'search', 'aria-label': 'Filter the dispatch log' });
  const live = h('input', { type: 'checkbox', id: 'dispatch-live', checked: true });
  form.el.append(
    h(
      'div',
      { class: 'grid' },
      form.field({ name: 'status', label: 'Status', type: 'select', value: params.get('status') ?? '', options: STATUSES.map((s) => ({ value: s, label: s || 'Any' })) }),
      form.field({ name: 'profileRef', label: 'Profile', value: params.get('profileRef') ?? '', placeholder: 'integration:… or offer-generator:…' }),
      form.field({ name: 'since', label: 'Since (your local time)', type: 'datetime-local', value: toLocalInput(params.get('since')) }),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Apply filter'), h('span', { class: 'field-checkbox' }, live, h('label', { for: 'dispatch-live' }, 'Live (refresh every 2 s)'))),
  );
  const body = h('div', { class: 'dispatch-log', 'aria-live': 'off' }, h('p', { class: 'muted' }, 'Loading…'));
  const updated = h('p', { class: 'muted updated' });

  // explicit: the user asked (filter applied); a live refresh never moves focus
  const filter = (): URLSearchParams => {
    const q = new URLSearchParams();
    const status = form.value('status');
    const profileRef = form.value('profileRef').trim();
    const since = form.value('since');
    if (status) q.set('status', status);
    if (profileRef) q.set('profileRef', profileRef);
    if (since && !Number.isNaN(new Date(since).getTime())) q.set('since', new Date(since).toISOString());
    return q;
  };
  const load = async (explicit = false) => {
    const q = filter();
    q.set('limit', '100');
    const r = await api<DispatchMessage[]>('GET', `/api/v1/dispatch/messages?${q}`);
    if (!active()) return;
    if (!r.ok) {
      // the operator API answers 400 with PROFILE_REF_INVALID / STATUS_INVALID (no errors[]): put them on the field
      const fieldOf: Record<string, string> = { PROFILE_REF_INVALID: 'profileRef', STATUS_INVALID: 'status', SINCE_INVALID: 'since' };
      const f = fieldOf[r.problem.code];
      form.clearErrors();
      if (f) form.setFieldError(f, r.problem.detail ?? 'Not a valid value.');
      if (explicit) form.focusFirstError();
      replace(body, problemBanner(r.problem));
      return;
    }
    form.clearErrors();
    replace(
      body,
      r.data.length
        ? table(
            ['Time', 'Status', 'Purpose', 'Profile', 'Error', 'SMTP reply', 'Attempt'],
            r.data.map((m) => [
              h('time', { datetime: m.updatedAt }, formatTime(m.updatedAt)),
              h('span', { 'data-testid': 'dispatch-status', 'data-status': m.status }, badge(m.status)),
              m.purpose,
              h('code', { class: 'profile-ref' }, m.profileRef),
              m.errorCode ? h('span', { title: explainCode(m.errorCode)?.sentence ?? '' }, m.errorCode) : '',
              m.smtp ? [m.smtp.code, m.smtp.message].filter((x) => x !== null && x !== undefined).join(' ') : '',
              String(m.attempt),
            ]),
            'Dispatched messages, newest first',
          )
        : h('p', { class: 'muted' }, 'No messages match.'),
    );
    replace(updated, `Updated ${new Date().toLocaleTimeString()} · ${r.data.length} message(s), newest first.`);
  };

  form.el.addEventListener('submit', (ev) => {
    ev.preventDefault();
    form.clearErrors();
    const q = filter();
    history.replaceState(null, '', `/operator/dispatch${q.toString() ? `?${q}` : ''}`);
    void load(true);
  });

  const tick = () => {
    if (!active()) return;
    const next = () => window.setTimeout(tick, 2000);
    if (live.checked && document.visibilityState !== 'hidden') void load(false).finally(next);
    else next();
  };

  page(
    main,
    'Dispatch log',
    [{ label: 'Projects', href: '/' }, { label: 'Dispatch log' }],
    h('p', { class: 'muted' }, 'Every message mail-dispatch-service handled: routing and outcome only, never recipients, bodies or secrets.'),
    h('section', { class: 'panel' }, form.el),
    h('section', { class: 'panel', 'aria-label': 'Messages' }, updated, body),
  );
  void load(false).finally(() => window.setTimeout(tick, 2000));
}
