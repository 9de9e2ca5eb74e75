// "Connect with Microsoft / Google / …": the parts of the OAuth2 connect flow that need no page (docs/oauth2.md).
// The panel asks the service for an authorization URL (POST …/oauth/start: the service keeps state, PKCE verifier
// and the settings), writes down in this tab's sessionStorage where the answer must go, and sends the browser to the
// provider. The provider sends it back to /oauth/callback?code=…&state=… (or ?error=…); that page takes the entry
// (once), POSTs {state, code} to the service and returns to the panel. No secret is ever stored here: the code and
// state live only in the callback's address, which the page clears at once.
// Provider presets (GET /api/v1/projects/{p}/smtp-providers) fill host, port and security and cap the limits.

export type OAuthProvider = 'MICROSOFT' | 'GOOGLE' | 'GENERIC';

export interface Limits {
  maxConnections: number | null;
  messagesPerMinute: number | null;
  recipientsPerDay: number | null;
}

export interface SmtpPreset {
  id: string;
  name: string;
  host: string | null;
  port: number | null;
  security: string | null;
  login: 'PASSWORD' | 'OAUTH2';
  oauthProvider: OAuthProvider | null;
  /** false when the platform has no OAuth app for its provider: it cannot be connected */
  available: boolean;
  /** the provider's published maximums; null = none */
  limits: Limits | null;
}

export interface PendingConnect {
  /** the service route the callback POSTs {state, code} to */
  completePath: string;
  /** the dashboard page of the panel */
  returnTo: string;
  provider: OAuthProvider;
  /** the provider's name as the panel showed it (the callback page has no presets) */
  label?: string;
  startedAt: number;
}

export const PENDING_KEY = 'mailoo.oauth.pending';
/** what the panel says once it is back: "Connected as …" (written by the callback page, read once by the panel) */
export const FLASH_KEY = 'mailoo.oauth.flash';
/** the service keeps a state 10 minutes; an older entry is of no use */
export const PENDING_MAX_AGE_MS = 10 * 60 * 1000;

export const LIMIT_FIELDS: { key: keyof Limits; label: string }[] = [
  { key: 'maxConnections', label: 'Connections at once' },
  { key: 'messagesPerMinute', label: 'Messages per minute' },
  { key: 'recipientsPerDay', label: 'Recipients per day' },
];

const PROVIDER_NAMES: Record<OAuthProvider, string> = { MICROSOFT: 'Microsoft', GOOGLE: 'Google', GENERIC: 'single sign-on' };

/** The providers that can be connected, one entry each (the first preset of that provider names the button). */
export function connectableProviders(presets: SmtpPreset[]): { provider: OAuthProvider; label: string; preset: SmtpPreset }[] {
  const out: { provider: OAuthProvider; label: string; preset: SmtpPreset }[] = [];
  for (const p of presets) {
    if (p.login !== 'OAUTH2' || !p.available || !p.oauthProvider) continue;
    if (out.some((o) => o.provider === p.oauthProvider)) continue;
    out.push({ provider: p.oauthProvider, label: connectLabel(p.oauthProvider, presets), preset: p });
  }
  return out;
}

/** "Connect with Microsoft", "Connect with Google", or the operator's name of the GENERIC provider. */
export function connectLabel(provider: OAuthProvider, presets: SmtpPreset[] = []): string {
  return `Connect with ${providerName(provider, presets)}`;
}

export function providerName(provider: string, presets: SmtpPreset[] = []): string {
  if (provider === 'GENERIC') {
    const generic = presets.find((p) => p.oauthProvider === 'GENERIC');
    return generic?.name || PROVIDER_NAMES.GENERIC;
  }
  return PROVIDER_NAMES[provider as OAuthProvider] ?? provider;
}

/** Where the callback may POST: a connect route of one integration or offer generator, nothing else. */
export function isCompletePath(path: unknown): path is string {
  return (
    typeof path === 'string' &&
    /^\/api\/v1\/projects\/[^/?#]+\/(integrations\/[^/?#]+\/outbound-mail|offer-generators\/[^/?#]+\/mail-settings)\/oauth\/complete$/.test(path)
  );
}

/** A page of this dashboard (a path of this origin), never another site ("//host", "https://…", "javascript:"). */
export function isLocalPath(path: unknown): path is string {
  return typeof path === 'string' && /^\/(?![/\\])[^\s]*$/.test(path);
}

export function savePending(storage: Storage, p: PendingConnect): void {
  storage.setItem(PENDING_KEY, JSON.stringify(p));
}

/** The entry the panel wrote before leaving, removed as it is read (one use); null if absent, stale or not ours. */
export function takePending(storage: Storage, now = Date.now()): PendingConnect | null {
  const raw = storage.getItem(PENDING_KEY);
  storage.removeItem(PENDING_KEY);
  if (!raw) return null;
  let p: Partial<PendingConnect>;
  try {
    p = JSON.parse(raw) as Partial<PendingConnect>;
  } catch {
    return null;
  }
  if (!p || !isCompletePath(p.completePath) || !isLocalPath(p.returnTo)) return null;
  if (typeof p.startedAt !== 'number' || now - p.startedAt > PENDING_MAX_AGE_MS || p.startedAt > now + 60_000) return null;
  if (p.provider !== 'MICROSOFT' && p.provider !== 'GOOGLE' && p.provider !== 'GENERIC') return null;
  if (p.label !== undefined && (typeof p.label !== 'string' || p.label.length > 100)) delete p.label;
  return p as PendingConnect;
}

export interface CallbackParams {
  code: string | null;
  state: string | null;
  error: string | null;
  errorDescription: string | null;
}

export function callbackParams(search: string): CallbackParams {
  const q = new URLSearchParams(search);
  const v = (k: string) => {
    const s = q.get(k);
    return s === null || s === '' ? null : s;
  };
  return { code: v('code'), state: v('state'), error: v('error'), errorDescription: v('error_description') };
}

/** What a provider's error answer means for the person (RFC 6749 §4.1.2.1 codes). */
export function callbackErrorSentence(error: string, providerLabel = 'The provider'): { sentence: string; check: string } {
  switch (error) {
    case 'access_denied':
      return {
        sentence: `Access was refused at ${providerLabel}: nothing was connected and the settings are unchanged.`,
        check: 'Connect again and accept the requested permission (sending mail as this mailbox). If your organisation must approve apps, ask its administrator to grant consent to Mailoo first.',
      };
    case 'consent_required':
    case 'interaction_required':
    case 'login_required':
      return {
        sentence: `${providerLabel} needs you to sign in and give consent: nothing was connected.`,
        check: 'Connect again and complete the sign-in; an administrator may have to approve Mailoo for your organisation.',
      };
    case 'temporarily_unavailable':
    case 'server_error':
      return {
        sentence: `${providerLabel} could not complete the sign-in just now: nothing was connected.`,
        check: 'Try again in a few minutes.',
      };
    default:
      return {
        sentence: `${providerLabel} refused the sign-in (${error}): nothing was connected.`,
        check: 'Try again; if it keeps failing, the platform operator should check the OAuth app registration (docs/oauth2.md).',
      };
  }
}

/** The limits an owner typed, checked against the preset's maximums: {field, message} per bad value. */
export function limitProblems(limits: Partial<Record<keyof Limits, string>>, max: Limits | null, presetName = 'this provider'): { field: keyof Limits; message: string }[] {
  const out: { field: keyof Limits; message: string }[] = [];
  for (const { key, label } of LIMIT_FIELDS) {
    const text = (limits[key] ?? '').trim();
    if (text === '') continue;
    if (!/^\d+$/.test(text) || Number(text) < 1) {
      out.push({ field: key, message: `${label}: a whole number of at least 1, or empty for the default.` });
      continue;
    }
    const cap = max?.[key];
    if (cap !== null && cap !== undefined && Number(text) > cap) {
      out.push({ field: key, message: `At most ${cap} for ${presetName} (its published limit); you may only lower it.` });
    }
  }
  return out;
}

/** The typed limits as the API takes them: numbers, null for "default"; null when none is typed. */
export function limitsBody(limits: Partial<Record<keyof Limits, string>>): Limits | null {
  const n = (k: keyof Limits) => {
    const t = (limits[k] ?? '').trim();
    return /^\d+$/.test(t) ? Number(t) : null;
  };
  const body: Limits = { maxConnections: n('maxConnections'), messagesPerMinute: n('messagesPerMinute'), recipientsPerDay: n('recipientsPerDay') };
  return body.maxConnections === null && body.messagesPerMinute === null && body.recipientsPerDay === null ? null : body;
}
