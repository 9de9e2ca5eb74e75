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
  // a 503 when saving (the server's detail names the variable) and a mail result when dispatch cannot open it
  ENCRYPTION_KEY_MISSING: {
    sentence: 'Passwords cannot be stored or opened right now: the encryption key is missing.',
    check: 'An operator must set MAIL_SMTP_ENCRYPTION_KEY on every service (the same value everywhere).',
  },
  SMTP_PASSWORD_UNREADABLE: {
    sentence: 'The stored password cannot be read any more.',
    check: 'Enter the password again and save.',
  },
  SMTP_PASSWORD_REQUIRED: {
    sentence: 'Enter the password again: the server, port, security or username changed.',
    check: 'A stored password is only ever sent to the server it was saved for.',
  },
  PROFILE_SUSPENDED: {
    sentence: 'Sending through these settings is suspended after repeated login failures.',
    check: 'Correct the username or password and save; saved settings start a new, unsuspended version.',
  },
  OAUTH_RECONNECT_REQUIRED: { sentence: 'The mail provider no longer accepts this connection.', check: 'Click Reconnect and sign in to the mailbox again.' },
  OAUTH_TOKEN_UNAVAILABLE: {
    sentence: 'The mail provider did not hand out a sign-in token for this connection just now.',
    check: 'Nothing to do: the mail is retried. If it lasts, the platform operator checks the provider’s status.',
  },
  DAILY_LIMIT_REACHED: {
    sentence: 'These settings reached their daily recipient limit.',
    check: 'Nothing to do: the mail is sent once the last 24 hours allow it. Split large sends over days if it recurs.',
  },
  OAUTH_PROVIDER_NOT_CONFIGURED: {
    sentence: 'This platform has no app registered with that mail provider yet.',
    check: 'Ask an operator to configure the provider’s OAuth app, or use a password login.',
  },
  OAUTH_STATE_INVALID: {
    sentence: 'This sign-in link is no longer valid (used, older than 10 minutes, or started by someone else).',
    check: 'Open the SMTP settings and click Connect again.',
  },
  OAUTH_CODE_EXCHANGE_FAILED: {
    sentence: 'The mail provider did not complete the connection.',
    check: 'Click Connect again and allow all the permissions asked for (including offline access).',
  },
  SMTP_LIMIT_ABOVE_PROVIDER: {
    sentence: 'A sending limit is above what the provider allows.',
    check: 'Enter a value at or below the provider’s limit shown beside the field.',
  },
  PROFILE_NOT_CONFIGURED: { sentence: 'No outbound email (SMTP) was configured when this mail was due.' },
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
  OWNER_REQUIRED: { sentence: 'Only the project’s owner can do this.' },
  PROJECT_NOT_FOUND: { sentence: 'This project does not exist or you are not a member of it.' },
  INTEGRATION_NOT_FOUND: { sentence: 'This integration does not exist.' },
  PROJECT_NOT_YET_VISIBLE: {
    sentence: 'This project was only just created and has not reached this part of Mailoo yet.',
    check: 'Try again in a few seconds; if it keeps happening, the services are lagging behind (ask an operator).',
  },
  INTEGRATION_NOT_YET_VISIBLE: {
    sentence: 'This integration was only just created and has not reached this part of Mailoo yet.',
    check: 'Try again in a few seconds; if it keeps happening, the services are lagging behind (ask an operator).',
  },
  UNAUTHORIZED: { sentence: 'Your sign-in is missing or has expired.', check: 'Sign in again.' },
  FORBIDDEN: { sentence: 'You may not do this.' },
  UPSTREAM_UNAVAILABLE: { sentence: 'The service behind this page is not reachable.', check: 'Is ./mailoo up running?' },
  UPSTREAM_TIMEOUT: { sentence: 'The service behind this page did not answer in time.', check: 'Try again.' },
  NETWORK_ERROR: { sentence: 'The gateway could not be reached.', check: 'Is ./mailoo up running?' },
  VALIDATION_FAILED: { sentence: 'Some fields need attention.' },
  MAIL_EXPIRED: { sentence: 'The mail could not be sent before it expired.' },
  SMTP_CLEARTEXT_LOGIN_REFUSED: {
    sentence: 'A username or password would be sent without encryption.',
    check: 'Choose STARTTLS or SSL/TLS, or remove the username and password.',
  },
  FIELD_UNKNOWN: { sentence: 'The request has a field the service does not know.', check: 'Check the field’s spelling.' },
  FIELD_NOT_TEXT: { sentence: 'A field holds something other than text.' },
  FIELD_NOT_OBJECT: { sentence: 'A group of fields was sent as something other than an object.' },
  SMTP_SETTINGS_REQUIRED: { sentence: 'The request carried no SMTP settings.', check: 'Fill in the SMTP settings and try again.' },
  SMTP_TEST_FAILED: { sentence: 'The test email was not sent.', check: 'Check the host, port, security and login.' },
  TEMPLATE_INVALID: {
    sentence: 'The template uses something other than the documented placeholders.',
    check: 'Use only {name}, {email} and {fields.<id>}; write \\{ for a literal brace.',
  },
  SUBSCRIPTION_LINK_KEY_MISSING: {
    sentence: 'The confirmation mail was not sent: Mailoo has no key to sign its link.',
    check: 'An operator must set SUBSCRIPTION_LINK_KEY (or MAIL_SMTP_ENCRYPTION_KEY) on integration-service.',
  },
  TEMPLATE_RENDER_FAILED: { sentence: 'The welcome template could not be rendered for this subscriber.' },
  TEMPLATE_OUTPUT_TOO_LARGE: { sentence: 'The rendered welcome mail was too large to send.' },
  LIMIT_INVALID: { sentence: 'The list was asked for with an invalid limit.' },
  DATABASE_UNAVAILABLE: {
    sentence: 'Mailoo is very busy or restarting for a moment; nothing was saved.',
    check: 'Try again in a few seconds.',
  },
  SERVICE_BUSY: {
    sentence: 'Mailoo is very busy for a moment; nothing was saved.',
    check: 'Try again in a few seconds.',
  },
  INTERNAL_ERROR: { sentence: 'Something went wrong on Mailoo’s side; it has been logged.', check: 'Try again; if it keeps happening, ask an operator.' },
  JSON_MALFORMED: { sentence: 'The service could not read what was sent.', check: 'Reload the page and try again.' },
  REQUEST_TOO_LARGE: { sentence: 'What was sent is larger than Mailoo accepts.', check: 'Shorten the longest texts and try again.' },
  SINCE_INVALID: { sentence: 'The “since” time is not a valid date and time.' },
  STATUS_INVALID: { sentence: 'This status filter is not one of the mail statuses.' },
  MEMBER_IS_OWNER: { sentence: 'This user already owns the project.' },
  INTEGRATION_NOT_MARKET: { sentence: 'This integration is not a market (shop) integration.', check: 'Choose a market integration.' },
  MESSAGE_NOT_FOUND: { sentence: 'This message does not exist (any more).' },
  CAMPAIGNS_NOT_SUPPORTED: { sentence: 'This kind of integration has no campaigns.' },
  MAIL_SETTINGS_NOT_CONFIGURED: { sentence: 'This offer generator has no mail settings yet.', check: 'Save its mail settings first.' },
  OFFER_GENERATOR_NOT_FOUND: { sentence: 'This offer generator does not exist.' },
  API_KEY_NOT_FOUND: { sentence: 'This API key does not exist on this integration.' },
  SKU_EXISTS: { sentence: 'A product with this SKU already exists.', check: 'Choose another SKU or change the existing product.' },
  PROFILE_REF_INVALID: { sentence: 'This is not a profile reference the mail service knows.', check: 'Copy it from a mail’s details, e.g. integration:<id>.' },
  PROFILE_UNKNOWN: { sentence: 'The mail service has no profile and no mail for this reference.' },
  SMTP_PROTOCOL_ERROR: {
    sentence: 'The SMTP server’s answer was not SMTP, or far too long.',
    check: 'Check that the host and port point at a real SMTP server.',
  },
  HEADER_INJECTION: { sentence: 'The mail was refused: a subject, address or header contained a line break.' },
  ADDRESS_INVALID: {
    sentence: 'The mail was refused: a recipient, sender or Reply-To address is not a valid address.',
    check: 'Check the sender and Reply-To addresses in the SMTP settings.',
  },
  REQUEST_INVALID: { sentence: 'The mail was refused by the mail service as malformed (a bug: please report it).' },
  PURPOSE_UNKNOWN: { sentence: 'The mail was refused: the mail service is older than the service that asked for it.', check: 'Ask an operator to update the mail dispatch service.' },
  SMTP_SECURITY_UNKNOWN: {
    sentence: 'The mail was refused: the mail service does not know these settings’ security mode.',
    check: 'Ask an operator to update the mail dispatch service, then send it again.',
  },
  PURPOSE_NOT_ALLOWED: { sentence: 'The mail was refused: this kind of mail may not use these settings (a bug: please report it).' },
  // the delivery log (mail-dispatch-service)
  PURPOSE_INVALID: { sentence: 'This kind-of-mail filter is not one Mailoo knows.' },
  RECIPIENT_FILTER_INVALID: { sentence: 'The recipient filter is too long or contains control characters.' },
  CURSOR_INVALID: { sentence: 'This page of the delivery log cannot be found any more.', check: 'Apply the filter again to start from the newest mail.' },
  MAIL_NOT_FOUND: { sentence: 'This mail does not exist in this delivery log.' },
  MAIL_NOT_DEFERRED: {
    sentence: 'Only a deferred mail (one waiting for its next attempt) can be retried now.',
    check: 'The log shows what became of it meanwhile.',
  },
  MAIL_NOT_CANCELLABLE: {
    sentence: 'This mail can no longer be cancelled: it was already sent, failed or cancelled.',
    check: 'The log shows what became of it.',
  },
  SUPPRESSION_NOT_FOUND: { sentence: 'This address is not on the suppression list (any more).' },
  RECIPIENT_SUPPRESSED: {
    sentence: 'Not sent: the recipient’s server refused an earlier mail permanently, so the address is suppressed.',
    check: 'If the address works again, lift it from the suppression list below the delivery log.',
  },
  CANCELLED_BY_OWNER: { sentence: 'The project’s owner cancelled this mail before it was sent.' },
};

export function explainCode(code: string | null | undefined): Explanation | null {
  return code ? (CODES[code] ?? null) : null;
}

/** One line for a banner: the human sentence (or the server's detail), never a bare code alone. */
export function describeProblem(p: Problem): { sentence: string; check?: string; detail?: string } {
  if (p.status === 429 || p.code === 'RATE_LIMITED') {
    const e = CODES.RATE_LIMITED;
    return { sentence: e.sentence, check: p.retryAfterSeconds === undefined ? e.check : waitSentence(p.retryAfterSeconds), detail: p.detail };
  }
  const e = explainCode(p.code);
  if (p.status === 504 && !e) return { sentence: CODES.SMTP_TIMEOUT.sentence, check: CODES.SMTP_TIMEOUT.check };
  if (e?.preferDetail && p.detail) return { sentence: p.detail };
  if (e) return { sentence: e.sentence, check: e.check, detail: p.detail };
  return { sentence: p.detail ?? p.title ?? `The request failed (HTTP ${p.status}).` };
}

/** "Wait 12 minutes and try again (after 22:41)." from a Retry-After in seconds. */
export function waitSentence(seconds: number, now = new Date()): string {
  if (seconds <= 0) return 'Try again now.';
  const at = new Date(now.getTime() + seconds * 1000);
  const clock = seconds >= 60 ? ` (after ${at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })})` : '';
  return `Wait ${waitInWords(seconds)} and try again${clock}.`;
}

/** A wait in words, rounded up so that trying again after it works: "45 seconds", "12 minutes", "1 hour and 5 minutes". */
export function waitInWords(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (s < 60) return plural(s, 'second');
  if (s < 3600) return plural(Math.ceil(s / 60), 'minute');
  let hours = Math.floor(s / 3600);
  let minutes = Math.ceil((s % 3600) / 60);
  if (minutes === 60) {
    hours += 1;
    minutes = 0;
  }
  return minutes ? `${plural(hours, 'hour')} and ${plural(minutes, 'minute')}` : plural(hours, 'hour');
}
