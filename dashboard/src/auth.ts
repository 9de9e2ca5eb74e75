// The dev token: taken from the URL fragment (#token=…, which never reaches a server) or pasted on the sign-in
// page; kept in sessionStorage only (never localStorage, never a cookie), so it goes away with the tab.

const KEY = 'mailoo.token';

export interface Session {
  token: string;
  sub: string;
  email: string | null;
  groups: string[];
  exp: number | null;
}

function decodePart(part: string): unknown {
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** Reads the claims of a JWT without verifying it (the services verify; the page only needs sub/email/groups). */
export function parseToken(raw: string): Session {
  const token = raw.trim().replace(/^Bearer\s+/i, '');
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('This is not a JWT (it must have three parts separated by dots).');
  let claims: Record<string, unknown>;
  try {
    claims = decodePart(parts[1]) as Record<string, unknown>;
  } catch {
    throw new Error('The token’s payload cannot be read.');
  }
  if (typeof claims.sub !== 'string' || !claims.sub) throw new Error('The token has no “sub” claim.');
  const groups = Array.isArray(claims.groups) ? claims.groups.filter((g): g is string => typeof g === 'string') : [];
  return {
    token,
    sub: claims.sub,
    email: typeof claims.email === 'string' ? claims.email : null,
    groups,
    exp: typeof claims.exp === 'number' ? claims.exp : null,
  };
}

export function isExpired(s: Session): boolean {
  return s.exp !== null && s.exp * 1000 <= Date.now();
}

let current: Session | null = null;

/** Moves a #token=… fragment into sessionStorage and removes it from the address bar and history. */
export function adoptFragmentToken(): string | null {
  const hash = window.location.hash;
  if (!hash.startsWith('#token=')) return null;
  const raw = decodeURIComponent(hash.slice('#token='.length));
  history.replaceState(history.state, '', window.location.pathname + window.location.search);
  try {
    signIn(raw);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

export function signIn(raw: string): Session {
  const s = parseToken(raw);
  if (isExpired(s)) throw new Error('This token has expired; get a new one with ./mailoo token.');
  sessionStorage.setItem(KEY, s.token);
  current = s;
  return s;
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
  current = null;
}

export function session(): Session | null {
  if (current) return current;
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    current = parseToken(raw);
    return current;
  } catch {
    sessionStorage.removeItem(KEY);
    return null;
  }
}

export function isOperator(s: Session | null): boolean {
  return !!s && s.groups.includes('operator');
}
