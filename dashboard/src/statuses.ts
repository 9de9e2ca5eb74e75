// Mail states as words a person reads: every view of a mail (replies, welcome mails, order and offer mails) shows
// shared-contracts MailState; the operator's dispatch log shows a dispatch attempt's MailStatus, whose one extra value
// is REJECTED. The code itself stays in the badge's data-status and tooltip for whoever needs to search for it.

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
  NONE: { label: 'None', why: 'No mail was due (e.g. no campaign, or no internal address set).' },
  NOT_CONFIGURED: { label: 'Not sent: no SMTP configured', why: 'No outbound email (SMTP) was configured when this mail was due.' },
  SKIPPED_RATE_LIMITED: {
    label: 'Skipped: too many mails to this address',
    why: 'Mail that the public can trigger is capped per recipient address and hour, so that a public form cannot flood anyone’s inbox; this one was not sent.',
  },
  SKIPPED_UNSUBSCRIBED: {
    label: 'Skipped: unsubscribed',
    why: 'The subscriber unsubscribed before this mail was due, so it was not sent.',
  },
  CANCELLED: { label: 'Cancelled', why: 'The project’s owner cancelled it in the delivery log before it was sent.' },
  /** dispatch log only (MailStatus): a mail view shows it as FAILED with the reason */
  REJECTED: { label: 'Rejected' },
};

/** statuses after which nothing changes any more (lists stop polling) */
export const FINAL = new Set(Object.keys(STATUSES).filter((s) => s !== 'QUEUED' && s !== 'DEFERRED'));

export function statusText(status: string): StatusText {
  return STATUSES[status] ?? { label: status };
}

// Where a subscriber of a FORM integration stands (not a mail state): double opt-in, subscribed, unsubscribed.
const SUBSCRIPTION_STATES: Record<string, StatusText> = {
  PENDING_CONFIRMATION: {
    label: 'Waiting for confirmation',
    why: 'Double opt-in: the subscriber has not yet opened the link in the confirmation mail; without it they are removed when the confirmation window ends.',
  },
  SUBSCRIBED: { label: 'Subscribed' },
  UNSUBSCRIBED: { label: 'Unsubscribed', why: 'The subscriber left with the unsubscribe link of a mail; they get no further campaign mail.' },
};

export function subscriptionStateText(state: string): StatusText {
  return SUBSCRIPTION_STATES[state] ?? { label: state };
}
