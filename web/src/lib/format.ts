/** How values from the API read to staff: dates, statuses, visibilities and IDs. */
import type { Call, CaseStatus, MailStatus, Visibility } from '../api/types';

/**
 * A timestamp in the reader's locale. The print page passes the account's
 * time zone so paper shows the office's time; screens use the browser's.
 */
export function formatDateTime(iso: string, timeZone?: string | null): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(undefined, {
      dateStyle: 'medium', timeStyle: 'short', ...(timeZone && { timeZone }),
    }).format(date);
  } catch {
    // An unknown time zone name must not break the page.
    return date.toLocaleString();
  }
}

export const STATUS_LABEL: Record<CaseStatus, string> = {
  in_progress: 'In Progress',
  closed: 'Closed',
};

export const VISIBILITY_LABEL: Record<Visibility, string> = {
  public: 'Public',
  private: 'Private',
  supervisor: 'Supervisor',
};

/** Who may read a message of each level, for hints next to the choice. */
export const VISIBILITY_HINT: Record<Visibility, string> = {
  public: 'All staff, and the customer if the case is paired',
  private: 'All staff of the account, never the customer',
  supervisor: 'Supervisors only',
};

/** Staff see and type the Customer ID as "C42"; the desk search reads it back. */
export function customerIdLabel(customerNo: number): string {
  return `C${customerNo}`;
}

export function displayName(name: string | null | undefined, fallback = '(no name)'): string {
  return name && name.trim() !== '' ? name : fallback;
}

/** What each kind of outgoing mail is, in words for staff. */
export function mailKindLabel(kind: string): string {
  if (kind === 'message_notification') return 'E-mail notification';
  if (kind === 'pairing_instruction') return 'Pairing instruction';
  if (kind === 'portal_login') return 'Portal sign-in link';
  return kind.replaceAll('_', ' ');
}

export const MAIL_STATUS_LABEL: Record<MailStatus, string> = {
  queued: 'Queued',
  sent: 'Sent',
  failed: 'Failed',
};

/** Customers read a case as open or closed; "In Progress" is the staff's word. */
export const PORTAL_STATUS_LABEL: Record<CaseStatus, string> = {
  in_progress: 'Open',
  closed: 'Closed',
};

/** Where a call stands, in staff's words: a call that ended unanswered is "Missed". */
export function callStateLabel(call: Call): string {
  if (call.state === 'ringing') return 'Ringing';
  if (call.state === 'answered') return 'Answered';
  return call.missed ? 'Missed' : 'Ended';
}

/** The data-state and CSS name of the same: ringing, answered, missed or ended. */
export function callStateKey(call: Call): string {
  return call.state === 'ended' && call.missed ? 'missed' : call.state;
}

const CALL_CAUSES: Record<string, string> = {
  normalClearing: 'hung up',
  busy: 'busy',
  cancel: 'caller hung up',
  noAnswer: 'not answered',
  congestion: 'network busy',
  notFound: 'number not found',
  forwarded: 'forwarded',
};

/** Why an ended call ended (the PBX's cause), or '' when it did not say. */
export function callCauseLabel(cause: string | null): string {
  if (cause === null || cause === '') return '';
  return CALL_CAUSES[cause] ?? cause;
}

/** The caller as staff read it; a withheld number says so. */
export function callerLabel(call: Call): string {
  return call.from ?? 'Withheld number';
}
