// The SMTP panel's field names, and how the services' names for them (in field errors and in the audit trail) map
// onto them: `host`, `smtp.host`, `mailSettings.smtp.host` and `outboundMail.host` are all the host field.

const SMTP_FIELDS = ['host', 'port', 'security', 'username', 'password', 'fromAddress', 'fromName', 'replyTo'];

/** API field names (`host`, `smtp.host`, `mailSettings.smtp.host`, `outboundMail.host`) → the panel's field names. */
export function panelFieldName(apiField: string): string {
  const f = apiField.replace(/^mailSettings\./, '');
  const m = /^(?:smtp|outboundMail)\.(.+)$/.exec(f);
  if (m && SMTP_FIELDS.includes(m[1])) return m[1];
  return f;
}
