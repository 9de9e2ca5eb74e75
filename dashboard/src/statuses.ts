// Mail statuses (replies, welcome mails, order and offer mails, the dispatch log) as words a person reads; the code
// itself stays in the badge's data-status and tooltip for whoever needs to search for it.

interface StatusText {
  label: string;
  /** why, as a tooltip, where the label alone does not say it */
  why?: string;
}

const STATUSES: Record<string, StatusText> = {
  QUEUED: { label: 'Queued' },
  DEFERRED: { label: 'Deferred (will retry)', why: 'The SMTP server answered with a temporary failure; it is tried again.' },
  SENT: { label: 'Sent' },
  FAILED: { label: 'Failed' },
  REJECTED: { label: 'Rejected' },
  EXPIRED: { label: 'Expired' },
  NONE: { label: 'None' },
  NOT_CONFIGURED: { label: 'Not sent: no SMTP configured' },
  SKIPPED_NOT_CONFIGURED: { label: 'Skipped: no SMTP configured', why: 'No outbound email (SMTP) was configured when this mail was due.' },
  SKIPPED_RATE_LIMITED: {
    label: 'Skipped: too many mails to this address',
    why: 'Mail that the public can trigger is capped per recipient address and hour, so that a public form cannot flood anyone’s inbox; this one was not sent.',
  },
};

/** statuses after which nothing changes any more (lists stop polling) */
export const FINAL = new Set(['SENT', 'FAILED', 'REJECTED', 'EXPIRED', 'NOT_CONFIGURED', 'SKIPPED_NOT_CONFIGURED', 'SKIPPED_RATE_LIMITED', 'NONE']);

export function statusText(status: string): StatusText {
  return STATUSES[status] ?? { label: status };
}
