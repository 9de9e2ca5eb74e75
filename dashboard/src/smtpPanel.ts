// The "Outbound email (SMTP)" panel, shared by integrations (FORM / CONTACT_FORM / MARKET) and offer generators.
// The password field is write-only: it is never filled from the server (responses carry hasSmtpPassword only).
// Leaving it empty means "keep the stored one", which the server allows only while host, port, security and
// username are unchanged (DESIGN §1); otherwise it answers SMTP_PASSWORD_REQUIRED, shown on the password field.
// Both services read and show the settings the same way (service-support's smtpprofile component): one view, one
// set of field names in errors and in the audit trail (`host`, `password`, …), one set of codes.
// Issue 14: a provider preset fills host, port and security and caps the limits (lower only); "Connect with …"
// replaces the password by an OAuth2 login (oauthFlow.ts: the redirect, the /oauth/callback page), shown with its
// account, "Disconnect", and "Reconnect required" when the provider revoked the grant.

import { api, type FieldError, type Result } from './api';
import { formatTime, h, replace, type Child } from './dom';
import { busy, button, errorBanner, Form } from './form';
import { describeProblem, explainCode } from './messages';
import {
  connectableProviders,
  FLASH_KEY,
  LIMIT_FIELDS,
  limitProblems,
  limitsBody,
  providerName,
  savePending,
  type Limits,
  type OAuthProvider,
  type SmtpPreset,
} from './oauthFlow';
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
  /** NONE, PASSWORD or OAUTH2 (absent from a service that predates issue 14) */
  login?: 'NONE' | 'PASSWORD' | 'OAUTH2';
  oauth2?: { provider: string; account: string; connectedAt: string | null } | null;
  /** set when the provider refused the grant (invalid_grant): mail waits until the owner connects again */
  reconnectRequired?: ReconnectRequired | null;
  /** the preset id the settings were saved with */
  provider?: string | null;
  limits?: Limits | null;
}

export interface Suspension {
  errorCode: string;
  message: string;
  since: string;
}

export interface ReconnectRequired {
  code: string;
  message: string;
  since: string | null;
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
  /** a preset id; sent only when one is chosen */
  provider?: string;
  /** lowered limits; sent only when the owner typed one */
  limits?: Limits;
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
  /** GET route of the provider presets (any member); without it, or when it is not served, no presets */
  providersPath?: string;
  /** the settings' route whose …/oauth/start, …/oauth/complete and …/oauth (DELETE) connect a provider */
  oauthBase?: string;
}

/** The SMTP view in an answer: the view itself, an offer generator's mail settings ({smtp}), or an integration. */
export function smtpViewOf(data: unknown): SmtpView | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  if (typeof d.host === 'string') return d as unknown as SmtpView;
  if (d.smtp && typeof d.smtp === 'object') return d.smtp as SmtpView;
  const config = d.config as Record<string, unknown> | undefined;
  if (config?.outboundMail && typeof config.outboundMail === 'object') return config.outboundMail as SmtpView;
  return null;
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
  let presets: SmtpPreset[] = [];
  const presetById = (id: string | null | undefined) => presets.find((p) => p.id === id) ?? null;
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
  const passwordWrap = form.input('password').closest('.field') as HTMLElement;

  // ---- provider preset (filled once the presets are loaded) and the limits it caps
  const presetSlot = h('div', { class: 'preset-slot' });
  const limitsGrid = h(
    'div',
    { class: 'grid limits', hidden: true, 'data-testid': 'smtp-limits' },
    LIMIT_FIELDS.map(({ key, label }) =>
      form.field({ name: `limits.${key}`, label, type: 'number', value: v?.limits?.[key] ?? null, inputmode: 'numeric' }),
    ),
  );
  const connectSlot = h('div', { class: 'oauth-slot', 'data-testid': 'oauth-slot' });

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
    presetSlot,
    connectSlot,
    grid,
    limitsGrid,
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
    const connected = saved?.login === 'OAUTH2' && !!saved.oauth2;
    // an OAuth2 login has no password, and its username is the connected account
    passwordWrap.hidden = connected;
    (form.input('username') as HTMLInputElement).readOnly = connected;
    replace(form.hint('username'), connected ? 'The connected account: connect another one to change it.' : null);
    renderConnect();
    if (connected) {
      removeWrap.hidden = true;
      removePassword.checked = false;
    } else if (saved?.hasSmtpPassword) {
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
    const reconnect = saved?.reconnectRequired ?? null;
    replace(
      suspensionSlot,
      reconnect ? reconnectBanner(reconnect) : null,
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
    if (password !== '' && !passwordWrap.hidden) b.password = password;
    else if (removePassword.checked && !removeWrap.hidden) b.password = null;
    // absent password: keep the stored one, password or OAuth2 login (the server checks that it is the same server)
    const preset = presetSelect?.value;
    if (preset) b.provider = preset;
    const limits = limitsBody(typedLimits());
    if (limits) b.limits = limits;
    return b;
  }

  function typedLimits(): Partial<Record<keyof Limits, string>> {
    const out: Partial<Record<keyof Limits, string>> = {};
    for (const { key } of LIMIT_FIELDS) out[key] = form.value(`limits.${key}`);
    return out;
  }

  /** the owner may lower a preset's limits, never raise them: checked here before anything is sent (and by the server) */
  function limitsRejected(): boolean {
    const preset = presetById(presetSelect?.value);
    const problems = limitProblems(typedLimits(), preset?.limits ?? null, preset?.name);
    for (const p of problems) form.setFieldError(`limits.${p.field}`, p.message);
    if (problems.length) form.focusFirstError();
    return problems.length > 0;
  }

  // ---- presets
  let presetSelect: HTMLSelectElement | null = null;

  function applyPreset(preset: SmtpPreset | null): void {
    if (preset?.host) form.input('host').value = preset.host;
    if (preset?.port) form.input('port').value = String(preset.port);
    if (preset?.security) form.input('security').value = preset.security;
    limitsGrid.hidden = !preset && !saved?.limits;
    for (const { key } of LIMIT_FIELDS) {
      const input = form.input(`limits.${key}`) as HTMLInputElement;
      const cap = preset?.limits?.[key] ?? null;
      if (cap === null) input.removeAttribute('max');
      else input.max = String(cap);
      input.min = '1';
      input.placeholder = cap === null ? 'default' : String(cap);
      replace(form.hint(`limits.${key}`), cap === null ? 'Empty: the default.' : `At most ${cap} (${preset!.name}'s limit); empty: that limit.`);
    }
    renderConnect();
  }

  async function loadPresets(): Promise<void> {
    if (!o.providersPath) return;
    const r = await api<SmtpPreset[]>('GET', o.providersPath);
    if (!r.ok || !Array.isArray(r.data)) return; // an older service without presets: the panel works without them
    presets = r.data;
    const wrap = form.field({
      name: 'provider',
      label: 'Provider',
      type: 'select',
      value: saved?.provider ?? '',
      options: [{ value: '', label: 'Other / enter the server yourself' }, ...presets.map((p) => ({ value: p.id, label: p.name }))],
      hint: 'Fills in the server and applies the provider’s sending limits.',
    });
    presetSelect = form.input('provider') as HTMLSelectElement;
    presetSelect.disabled = !o.canEdit;
    presetSelect.addEventListener('change', () => {
      form.clearErrors();
      // another provider, other caps: its own limits (empty) rather than values typed for the previous one
      for (const { key } of LIMIT_FIELDS) form.input(`limits.${key}`).value = '';
      applyPreset(presetById(presetSelect!.value));
    });
    replace(presetSlot, wrap);
    const preset = presetById(saved?.provider);
    // the saved host etc. stay as saved: only the caps and hints of the saved preset are shown
    limitsGrid.hidden = !preset && !saved?.limits;
    if (preset) {
      const host = form.value('host');
      applyPreset(preset);
      if (saved) {
        form.input('host').value = host;
        form.input('port').value = String(saved.port);
        form.input('security').value = saved.security;
      }
    } else {
      renderConnect();
    }
  }

  // ---- OAuth2 connect
  function renderConnect(): void {
    const connected = saved?.login === 'OAUTH2' && saved.oauth2 ? saved.oauth2 : null;
    if (connected) {
      const reconnectBtn = button('Reconnect', { class: 'secondary', 'data-action': 'reconnect' });
      const disconnectBtn = button('Disconnect', { class: 'secondary danger', 'data-action': 'disconnect' });
      reconnectBtn.addEventListener('click', () => void connect(connected.provider as OAuthProvider, reconnectBtn));
      disconnectBtn.addEventListener('click', () => void disconnect(disconnectBtn));
      replace(
        connectSlot,
        h(
          'div',
          { class: 'oauth-connected', 'data-testid': 'oauth-connected' },
          h(
            'p',
            {},
            'Connected to ',
            h('strong', {}, providerName(connected.provider, presets)),
            ' as ',
            h('strong', { 'data-testid': 'oauth-account' }, connected.account),
            connected.connectedAt ? ` since ${formatTime(connected.connectedAt)}` : '',
            '. Mail is sent with this account’s OAuth2 login; no password is stored.',
          ),
          o.canEdit && o.oauthBase ? h('div', { class: 'actions' }, reconnectBtn, disconnectBtn) : null,
        ),
      );
      return;
    }
    const providers = o.oauthBase && o.canEdit ? connectableProviders(presets) : [];
    if (!providers.length) return replace(connectSlot);
    replace(
      connectSlot,
      h(
        'div',
        { class: 'oauth-connect' },
        h('p', { class: 'hint' }, 'Or sign in at your provider instead of storing a password (needed for Microsoft 365 and Google, which no longer take passwords):'),
        h(
          'div',
          { class: 'actions' },
          providers.map((p) => {
            const b = button(p.label, { class: 'secondary', 'data-action': 'connect', 'data-provider': p.provider });
            b.addEventListener('click', () => void connect(p.provider, b));
            return b;
          }),
        ),
      ),
    );
  }

  /** Asks the service for the provider's sign-in address (the unsaved settings go along) and leaves for it. */
  async function connect(provider: OAuthProvider, btn: HTMLButtonElement): Promise<void> {
    if (!o.oauthBase) return;
    form.clearErrors();
    const current = presetById(presetSelect?.value);
    if (presets.length && current?.oauthProvider !== provider) {
      const preset = connectableProviders(presets).find((p) => p.provider === provider)?.preset ?? null;
      if (preset && presetSelect) {
        presetSelect.value = preset.id;
        applyPreset(preset);
      }
    }
    if (limitsRejected()) return;
    const settings = body();
    delete settings.password;
    await busy(btn, 'Opening the sign-in…', async () => {
      const r = await api<{ authorizationUrl: string; expiresAt: string }>('POST', `${o.oauthBase}/oauth/start`, { provider, settings });
      if (!r.ok) return form.showProblem(r.problem, (f) => f.replace(/^settings\./, ''), fieldMessage);
      if (!/^https?:\/\//.test(r.data?.authorizationUrl ?? '')) {
        return replace(form.banner, errorBanner('The service answered without a sign-in address.', null, null, null));
      }
      savePending(sessionStorage, {
        completePath: `${o.oauthBase}/oauth/complete`,
        returnTo: window.location.pathname,
        provider,
        label: providerName(provider, presets),
        startedAt: Date.now(),
      });
      window.location.assign(r.data.authorizationUrl);
    });
  }

  async function disconnect(btn: HTMLButtonElement): Promise<void> {
    if (!o.oauthBase) return;
    if (!window.confirm('Disconnect this account? Mailoo forgets its OAuth2 login, and no mail leaves through this profile until you connect again or enter a password.')) return;
    await busy(btn, 'Disconnecting…', async () => {
      const r = await api<unknown>('DELETE', `${o.oauthBase}/oauth`);
      if (!r.ok) return form.showProblem(r.problem, undefined, fieldMessage);
      saved = smtpViewOf(r.data) ?? (saved ? { ...saved, login: 'NONE', oauth2: null, reconnectRequired: null } : null);
      suspension = saved?.suspension ?? null;
      form.clearErrors();
      refreshSavedState();
      form.showSuccess('Disconnected: the OAuth2 login is forgotten. Connect again or enter a password to send mail.');
      historyChanged();
    });
  }

  function reconnectBanner(r: ReconnectRequired): HTMLElement {
    const provider = saved?.oauth2?.provider as OAuthProvider | undefined;
    const again = button('Reconnect', { class: 'primary', 'data-action': 'reconnect-banner' });
    again.addEventListener('click', () => provider && void connect(provider, again));
    return h(
      'div',
      { class: 'banner banner-warn', role: 'status', 'data-testid': 'reconnect-required' },
      h('p', { class: 'banner-title' }, 'Reconnect required: ', r.message),
      h(
        'p',
        {},
        explainCode(r.code)?.check ??
          `${provider ? providerName(provider, presets) : 'The provider'} no longer accepts this connection (revoked, expired after a long pause, or the account’s password changed). Mail of this profile waits, and fails if it is not sent before it expires. Connect again to send it.`,
      ),
      o.canEdit && provider && o.oauthBase ? h('div', { class: 'actions' }, again) : null,
      h('p', { class: 'code' }, 'Code: ', h('code', {}, r.code), r.since ? ` · since ${formatTime(r.since)}` : ''),
    );
  }

  /** "Connected as …" once, after the /oauth/callback page brought the browser back here */
  function showFlash(): void {
    const raw = sessionStorage.getItem(FLASH_KEY);
    if (!raw) return;
    sessionStorage.removeItem(FLASH_KEY);
    try {
      const f = JSON.parse(raw) as { path?: string; message?: string };
      if (f.path === window.location.pathname && typeof f.message === 'string') {
        form.showSuccess(h('span', { 'data-testid': 'oauth-flash' }, f.message));
      }
    } catch {
      // not ours
    }
  }

  form.el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!o.canEdit) return;
    form.clearErrors();
    if (limitsRejected()) return;
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
    form.clearErrors();
    if (limitsRejected()) return;
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
  showFlash();
  void loadPresets();
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

