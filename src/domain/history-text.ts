/**
 * A history entry as one sentence ("transferred the case from Sales to Support"),
 * made once here for every place that shows it: the API (`summary`), the web app,
 * the print page and the PDF. Known types read as sentences; a type added later is
 * shown with its details as they come (they never hold text the reader may not see,
 * access.canSeeHistoryEntry).
 */
import type { HistoryEntry, Visibility } from './types.js';

const VISIBILITY_WORD: Record<Visibility, string> = {
  public: 'Public', private: 'Private', supervisor: 'Supervisor',
};
const REPLY_VIA: Record<string, string> = {
  portal: ' in the customer portal', email: ' by e-mail',
};
const PAIRED_VIA: Record<string, string> = { link: ' by the mailed link', code: ' by code' };

/** Customer IDs read as staff type them: C and the number. */
export function customerIdLabel(customerNo: number | string): string {
  return `C${customerNo}`;
}

export function describeHistoryEntry(entry: HistoryEntry): string {
  const d = entry.details;
  switch (entry.type) {
    case 'opened':
      return d.via === 'email_triage' ? 'opened the case from an e-mail in triage'
        : 'opened the case';
    case 'closed': return 'closed the case';
    case 'reopened':
      if (d.reason !== 'customer_reply') return 'reopened the case';
      return `reopened the case by replying${REPLY_VIA[String(d.via)] ?? ''}`;
    case 'subject_changed':
      return `changed the subject from “${text(d.from)}” to “${text(d.to)}”`;
    case 'transferred': return `transferred the case from ${text(d.from)} to ${text(d.to)}`;
    case 'customer_changed':
      return d.customerNo == null ? 'removed the customer'
        : `set the customer to ${customerIdLabel(text(d.customerNo))}`;
    case 'contact_email_changed':
      return d.to == null ? 'removed the contact e-mail'
        : `set the contact e-mail to ${text(d.to)}`;
    case 'message_redacted':
      return `redacted message ${text(d.messageId)} (${visibilityWord(d.visibility)})`;
    case 'notified': return `sent an e-mail notification to ${text(d.to)}`;
    case 'pairing_sent': return `sent a case pairing instruction to ${text(d.to)}`;
    case 'paired':
      return `paired with the case in the customer portal${PAIRED_VIA[String(d.via)] ?? ''}`;
    case 'pairing_revoked': return 'revoked a customer\'s access to the case';
    default: return otherEntry(entry);
  }
}

function otherEntry(entry: HistoryEntry): string {
  const words = entry.type.replaceAll('_', ' ');
  const parts = Object.entries(entry.details)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => `${key}: ${text(value)}`);
  return parts.length === 0 ? words : `${words} (${parts.join(', ')})`;
}

function visibilityWord(value: unknown): string {
  return typeof value === 'string' && value in VISIBILITY_WORD
    ? VISIBILITY_WORD[value as Visibility] : text(value);
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
