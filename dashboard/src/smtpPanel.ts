// The "Outbound email (SMTP)" panel, shared by integrations (FORM / CONTACT_FORM / MARKET) and offer generators.
// The password field is write-only: it is never filled from the server (responses carry hasSmtpPassword only).
// Leaving it empty means "keep the stored one", which the server allows only while host, port, security and
// username are unchanged (DESIGN §1); otherwise it answers SMTP_PASSWORD_REQUIRED, shown on the password field.
// Both services read and show the settings the same way (service-support's smtpprofile component): one view, one
// set of field names in errors and in the audit trail (`host`, `password`, …), one set of codes.

import type { FieldError, Result } from './api';
import { formatTime, h, replace, type Child } from './dom';
import { busy, button, errorBanner, Form } from './form';
import { describeProblem, explainCode } from './messages';
import { smtpHistory } from './smtpHistory';

export interface SmtpView {
  host: string;
  port: number;
  security: string;
  username: string | null;
  hasSmtpPassword: boolean;
  fromAddress: string;
  fromName: string | null;
  replyTo: string | null;
  profileVersion: number;
  updatedAt: string;
  /** null unless dispatch stopped using these settings after repeated login failures */
  suspension: Suspension | null;
}

export interface Suspension {
  errorCode: string;
  message: string;
  since: string;
}

export interface SmtpBody {
  host: string;
  port: number | string | null;
  security: string;
  username: string | null;
  password?: string | null;
  fromAddress: string;
  fromName: string | null;
  replyTo: string | null;
}

export interface TestOutcome {
  status: string;
  recipient: string;
  smtp: { code: number | null; message: string | null } | null;
}

export interface SmtpPanelOptions {
  idPrefix: string;
  saved: SmtpView | null;
  canEdit: boolean;
  recipient: string | null;
  /** extra fields (offer generators: internal notification address, branding) rendered after the SMTP fields */
  extraFields?: (form: Form) => Child;
  save: (smtp: SmtpBody, form: Form) => Promise<Result<unknown>>;
  /** the SMTP view in the save's answer (the panel shows it; the password field stays empty) */
  afterSave: (data: unknown) => SmtpView | null;
  test: (smtp: SmtpBody, form: Form) => Promise<Result<TestOutcome>>;
  /** removes the saved settings (integrations: outboundMail null; offer generators: DELETE mail-settings) */
  remove?: () => Promise<Result<unknown>>;
  /** the settings' audit route (owners only: members get 403 there, so they get no history panel) */
  historyPath?: string;
}

/** answers about the stored password that come without errors[] (409s): they belong on the password field */
const PASSWORD_CODES = new Set(['SMTP_PASSWORD_REQUIRED', 'SMTP_PASSWORD_UNREADABLE']);

function fieldMessage(e: FieldError): string {
  if (e.code === 'SMTP_PASSWORD_REQUIRED') {
    return 'Enter the password again: the host, port, security or username changed, and a stored password is only ever sent to the server it was saved for.';
  }
  return e.message;
}

export function smtpPanel(o: SmtpPanelOptions): HTMLElement {
  let saved = o.saved;
  let suspension = saved?.suspension ?? null;
  const form = new Form({ class: 'smtp-form', 'aria-labelledby': `${o.idPrefix}-smtp-title` });
  const suspensionSlot = h('div', { class: 'suspension-slot' });
  const outcome = h('div', { class: 'test-outcome', id: `${o.idPrefix}-test-outcome`, 'aria-live': 'polite' });
  const status = h('p', { class: 'saved-status muted' });
  const removePassword = h('input', { type: 'checkbox', id: `${o.idPrefix}-remove-password`, name: 'removePassword' });
  const removeWrap = h(
    'div',
    { class: 'field field-checkbox' },
    removePassword,
    h('label', { for: removePassword.id }, 'Remove the stored password (a server without login)'),
  );

  const v = saved;
  const grid = h(
    'div',
    { class: 'grid' },
    form.field({ name: 'host', label: 'SMTP host', value: v?.host, required: true, placeholder: 'smtp.example.com', autocomplete: 'off' }),
    form.field({ name: 'port', label: 'Port', type: 'number', value: v?.port ?? 587, required: true, inputmode: 'numeric', hint: '587 for STARTTLS, 465 for SSL/TLS' }),
    form.field({
      name: 'security',
      label: 'Security',
      type: 'select',
      value: v?.security ?? 'STARTTLS',
      required: true,
      options: [
        { value: 'STARTTLS', label: 'STARTTLS' },
        { value: 'SSL_TLS', label: 'SSL/TLS' },
        { value: 'NONE', label: 'None (no encryption)' },
      ],
    }),
    form.field({ name: 'username', label: 'Username', value: v?.username, autocomplete: 'off' }),
    form.field({ name: 'password', label: 'Password', type: 'password', value: '', autocomplete: 'new-password' }),
    form.field({ name: 'fromAddress', label: 'From address', type: 'email', value: v?.fromAddress, required: true, placeholder: 'hello@example.com' }),
    form.field({ name: 'fromName', label: 'From name', value: v?.fromName, maxlength: 100 }),
    form.field({ name: 'replyTo', label: 'Reply-to address', type: 'email', value: v?.replyTo, hint: 'Optional: where answers to your mail go.' }),
  );
  form.input('password').closest('.field')!.after(removeWrap);

  const testBtn = button('Send test email', { class: 'secondary', 'data-action': 'test' });
  const saveBtn = h('button', { type: 'submit', class: 'primary', 'data-action': 'save' }, 'Save SMTP settings');
  const removeBtn = button('Remove SMTP settings', { class: 'secondary danger', 'data-action': 'remove' });
  const history = o.historyPath ? smtpHistory(o.idPrefix, o.historyPath) : null;
  // every save, removal and test is recorded, so the history is reloaded after each answer
  const historyChanged = () => void history?.reload();
  const fieldset = h(
    'fieldset',
    { disabled: !o.canEdit },
    h('legend', { class: 'visually-hidden' }, 'Outbound email (SMTP) settings'),
    grid,
    o.extraFields ? o.extraFields(form) : null,
  );
  form.el.append(
    fieldset,
    h(
      'p',
      { class: 'hint test-hint' },
      'Send test email uses the values above without saving them and sends one message to ',
      h('strong', {}, o.recipient ?? 'your account’s address'),
      '.',
    ),
    o.canEdit
      ? h('div', { class: 'actions' }, saveBtn, testBtn, o.remove ? removeBtn : null)
      : h('p', { class: 'muted' }, 'Only the project’s owner can change these settings.'),
    outcome,
  );

  function refreshSavedState(): void {
    removeBtn.hidden = !saved;
    const pw = form.hint('password');
    if (saved?.hasSmtpPassword) {
      replace(
        pw,
        h(
          'span',
          { class: 'password-note', 'data-testid': 'password-note' },
          `A password is stored for ${saved.host}:${saved.port}. Leave this empty to keep it — only while host, port, security and username stay the same; change any of them and enter the password again.`,
        ),
      );
      removeWrap.hidden = false;
    } else {
      replace(pw, saved ? 'No password is stored. Leave empty for a server without login.' : 'Leave empty for a server without login.');
      removeWrap.hidden = true;
      removePassword.checked = false;
    }
    replace(
      status,
      saved
        ? [
            'Saved',
            saved.updatedAt ? ` ${formatTime(saved.updatedAt)}` : '',
            ` (version ${saved.profileVersion})`,
            '.',
          ]
        : 'Not configured yet: no mail leaves through this profile until you save settings.',
    );
    replace(
      suspensionSlot,
      suspension
        ? h(
            'div',
            { class: 'banner banner-warn', role: 'status', 'data-testid': 'suspension' },
            h('p', { class: 'banner-title' }, 'Sending is suspended: ', suspension.message),
            h('p', {}, explainCode(suspension.errorCode)?.check ?? 'Correct the settings and save them to start a new version.'),
            h('p', { class: 'code' }, 'Code: ', h('code', {}, suspension.errorCode), suspension.since ? ` · since ${formatTime(suspension.since)}` : ''),
          )
        : null,
    );
  }

  function body(): SmtpBody {
    const portText = form.value('port').trim();
    const port = /^\d+$/.test(portText) ? Number(portText) : portText === '' ? null : portText;
    const b: SmtpBody = {
      host: form.value('host').trim(),
      port,
      security: form.value('security'),
      username: form.optional('username'),
      fromAddress: form.value('fromAddress').trim(),
      fromName: form.optional('fromName'),
      replyTo: form.optional('replyTo'),
    };
    const password = form.value('password');
    if (password !== '') b.password = password;
    else if (removePassword.checked) b.password = null;
    // absent password: keep the stored one (the server checks that it is the same server)
    return b;
  }

  form.el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!o.canEdit) return;
    await busy(saveBtn, 'Saving…', async () => {
      const r = await o.save(body(), form);
      if (r.ok) {
        saved = o.afterSave(r.data);
        suspension = saved?.suspension ?? null;
        form.input('password').value = '';
        form.clearErrors();
        refreshSavedState();
        form.showSuccess('SMTP settings saved.');
        historyChanged();
      } else {
        form.showProblem(r.problem, undefined, fieldMessage);
        passwordProblem(r.problem.code, r.problem.detail);
      }
    });
  });

  removeBtn.addEventListener('click', async () => {
    if (!o.remove || !window.confirm('Remove these SMTP settings and the stored password? No mail leaves through this profile until you save new settings.')) return;
    await busy(removeBtn, 'Removing…', async () => {
      const r = await o.remove!();
      if (!r.ok) return form.showProblem(r.problem, undefined, fieldMessage);
      saved = null;
      suspension = null;
      form.input('password').value = '';
      form.clearErrors();
      refreshSavedState();
      form.showSuccess('SMTP settings removed: no mail leaves through this profile until you save new settings.');
      historyChanged();
      saveBtn.focus();
    });
  });

  testBtn.addEventListener('click', async () => {
    replace(outcome, h('p', { class: 'muted' }, 'Sending a test email…'));
    await busy(testBtn, 'Sending…', async () => {
      const r = await o.test(body(), form);
      form.clearErrors();
      historyChanged();
      if (r.ok) {
        const smtp = r.data.smtp;
        replace(
          outcome,
          h(
            'div',
            { class: 'banner banner-ok', role: 'status', 'data-testid': 'test-ok' },
            h('p', { class: 'banner-title' }, 'Test email sent to ', h('strong', { class: 'recipient' }, r.data.recipient), '.'),
            smtp ? h('p', {}, 'The SMTP server answered: ', h('code', { class: 'smtp-reply' }, [smtp.code, smtp.message].filter((x) => x !== null && x !== undefined).join(' '))) : null,
            h('p', { class: 'muted' }, 'Nothing was saved.'),
          ),
        );
        return;
      }
      const p = r.problem;
      if ((p.errors ?? []).length > 0) {
        form.showProblem(p, undefined, fieldMessage);
        replace(outcome);
        return;
      }
      const d = describeProblem(p);
      // the test route is limited per person and per project, so that it cannot be used to try passwords
      const sentence = p.status === 429 ? 'Too many test emails in a short time: they are limited per person and per project.' : d.sentence;
      const banner = errorBanner(`Test email not sent. ${sentence}`, d.check, d.detail, p.code);
      replace(outcome, banner);
      if (!passwordProblem(p.code, p.detail)) banner.focus();
    });
  });

  /** puts a stored-password answer on the password field and focuses it; true when it did */
  function passwordProblem(code: string, detail?: string): boolean {
    if (!PASSWORD_CODES.has(code) || form.input('password').getAttribute('aria-invalid') === 'true') return false;
    const e = explainCode(code);
    form.setFieldError('password', [e?.sentence, e?.check].filter(Boolean).join(' ') || detail || code);
    form.input('password').focus();
    return true;
  }

  refreshSavedState();
  return h(
    'section',
    { class: 'panel smtp-panel', id: `${o.idPrefix}-smtp`, 'aria-labelledby': `${o.idPrefix}-smtp-title`, 'data-testid': 'smtp-panel' },
    h('h3', { id: `${o.idPrefix}-smtp-title` }, 'Outbound email (SMTP)'),
    h('p', { class: 'muted' }, 'Mail of this ', o.idPrefix === 'offer' ? 'offer generator' : 'integration', ' leaves only through these settings — never through another profile or the platform’s SMTP.'),
    suspensionSlot,
    status,
    form.el,
    history?.el ?? null,
  );
}

