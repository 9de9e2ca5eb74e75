// Error codes (problem+json `code`, dispatch `errorCode`) as sentences a person can act on: what happened and what
// to check. Unknown codes fall back to the server's own detail.

import type { Problem } from './api';

interface Explanation {
  sentence: string;
  check?: string;
  /** show the server's detail instead of our sentence (its text is the point, e.g. how to set a variable) */
  preferDetail?: boolean;
}

const CODES: Record<string, Explanation> = {
  SMTP_AUTH_FAILED: {
    sentence: 'The SMTP server refused the login.',
    check: 'Check the username and password (some providers need an app password) and that the account may send mail.',
  },
  SMTP_CONNECT_FAILED: {
    sentence: 'Mailoo could not connect to the SMTP server.',
    check: 'Check the host name and port, and that the server accepts connections from the internet.',
  },
  SMTP_TLS_FAILED: {
    sentence: 'The secure (TLS) connection to the SMTP server failed.',
    check: 'Check the security mode (SSL/TLS usually on port 465, STARTTLS on 587) and that the server’s certificate is valid for this host name.',
  },
  SMTP_HOST_NOT_ALLOWED: {
    sentence: 'This host is not allowed: it resolves to a private, loopback or internal address.',
    check: 'Use your provider’s public SMTP host name.',
  },
  SMTP_PORT_NOT_ALLOWED: {
    sentence: 'This port is not allowed for outgoing mail.',
    check: 'Use your provider’s submission port (usually 587 or 465).',
  },
  SMTP_TIMEOUT: {
    sentence: 'The SMTP server did not answer in time.',
    check: 'Check the host and port; a firewall that silently drops connections looks like this.',
  },
  SMTP_TEST_TIMEOUT: {
    sentence: 'No answer from the mail service in time, so the outcome of the test is unknown.',
    check: 'Check the host and port; if it keeps happening, the mail dispatch service may be down (ask an operator).',
  },
  SMTP_TEMPORARY_FAILURE: {
    sentence: 'The SMTP server answered with a temporary failure.',
    check: 'Try again later; the server’s reply below says why.',
  },
  SMTP_REJECTED: {
    sentence: 'The SMTP server rejected the message.',
    check: 'Check that the sender address is allowed for this account; the server’s reply below says why.',
  },
  RECIPIENT_REJECTED: {
    sentence: 'The SMTP server rejected the recipient address.',
    check: 'Check the recipient address and whether the account may send to other domains.',
  },
  KEY_MISSING: {
    sentence: 'The mail service cannot open the stored password: its encryption key is missing.',
    check: 'An operator must set MAIL_SMTP_ENCRYPTION_KEY on the mail dispatch service (the same value everywhere).',
  },
  ENCRYPTION_KEY_MISSING: { sentence: 'Passwords cannot be stored right now.', preferDetail: true },
  SECRET_UNREADABLE: {
    sentence: 'The stored password cannot be read.',
    check: 'Enter the password again and save.',
  },
  STORED_PASSWORD_UNREADABLE: {
    sentence: 'The stored password cannot be read any more.',
    check: 'Enter the password again.',
  },
  SMTP_PASSWORD_UNREADABLE: {
    sentence: 'The stored password cannot be read any more.',
    check: 'Enter the password again.',
  },
  SMTP_PASSWORD_REQUIRED: {
    sentence: 'Enter the password again: the server, port, security or username changed.',
    check: 'A stored password is only ever sent to the server it was saved for.',
  },
  PROFILE_SUSPENDED: {
    sentence: 'Sending through these settings is suspended after repeated login failures.',
    check: 'Correct the username or password and save; saved settings start a new, unsuspended version.',
  },
  PROFILE_NOT_CONFIGURED: { sentence: 'No outbound email (SMTP) was configured when this mail was due.' },
  NOT_CONFIGURED: { sentence: 'No outbound email (SMTP) is configured.' },
  INLINE_PROFILE_EXPIRED: { sentence: 'The test expired before it could be sent.', check: 'Try again.' },
  RATE_LIMITED: { sentence: 'Too many requests in a short time.', check: 'Wait a minute and try again.' },
  EMAIL_CLAIM_MISSING: {
    sentence: 'Your sign-in has no email address, so there is nowhere to send the test.',
    check: 'Sign in with a token that has an “email” claim.',
  },
  OUTBOUND_MAIL_NOT_CONFIGURED: {
    sentence: 'This integration has no outbound email (SMTP) configured, so a reply cannot be sent.',
    check: 'Set it up under Connection & settings → Outbound email (SMTP), then create the reply again.',
  },
  OUTBOUND_MAIL_NOT_SUPPORTED: { sentence: 'This kind of integration sends no mail.' },
  OWNER_ONLY: { sentence: 'Only the project’s owner can do this.' },
  PROJECT_NOT_FOUND: { sentence: 'This project does not exist or you are not a member of it.' },
  INTEGRATION_NOT_FOUND: { sentence: 'This integration does not exist.' },
  UNAUTHORIZED: { sentence: 'Your sign-in is missing or has expired.', check: 'Sign in again.' },
  FORBIDDEN: { sentence: 'You may not do this.' },
  UPSTREAM_UNAVAILABLE: { sentence: 'The service behind this page is not reachable.', check: 'Is ./mailoo up running?' },
  UPSTREAM_TIMEOUT: { sentence: 'The service behind this page did not answer in time.', check: 'Try again.' },
  NETWORK_ERROR: { sentence: 'The gateway could not be reached.', check: 'Is ./mailoo up running?' },
  VALIDATION_FAILED: { sentence: 'Some fields need attention.' },
  EXPIRED: { sentence: 'The mail could not be sent before it expired.' },
};

export function explainCode(code: string | null | undefined): Explanation | null {
  return code ? (CODES[code] ?? null) : null;
}

/** One line for a banner: the human sentence (or the server's detail), never a bare code alone. */
export function describeProblem(p: Problem): { sentence: string; check?: string; detail?: string } {
  const e = explainCode(p.code);
  if (p.status === 504 && !e) return { sentence: CODES.SMTP_TIMEOUT.sentence, check: CODES.SMTP_TIMEOUT.check };
  if (e?.preferDetail && p.detail) return { sentence: p.detail };
  if (e) return { sentence: e.sentence, check: e.check, detail: p.detail };
  return { sentence: p.detail ?? p.title ?? `The request failed (HTTP ${p.status}).` };
}
