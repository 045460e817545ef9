/**
 * A case's history, oldest first. Known entry types read as sentences; any
 * other type the server adds is shown with its details as they come, since
 * the server never puts unreadable text in them (API.md).
 */
import type { HistoryEntry } from '../api/types';
import { formatDateTime, VISIBILITY_LABEL } from '../lib/format';

interface Props {
  entries: HistoryEntry[];
  timeZone?: string | null;
}

export function HistoryList({ entries, timeZone }: Props) {
  if (entries.length === 0) return <p className="muted">No history yet.</p>;
  return (
    <ol className="history">
      {entries.map((entry, i) => (
        <li key={`${entry.at}-${i}`} data-testid="history-entry" data-type={entry.type}>
          <time dateTime={entry.at}>{formatDateTime(entry.at, timeZone)}</time>{' '}
          <bdi className="history-actor">{entry.actor.name || 'Caseline'}</bdi>{' '}
          <span dir="auto">{describeEntry(entry)}</span>
        </li>
      ))}
    </ol>
  );
}

/** How a customer's reply reached the case, and how a customer paired. */
const REPLY_VIA: Record<string, string> = {
  portal: ' in the customer portal',
  email: ' by e-mail',
};
const PAIRED_VIA: Record<string, string> = { link: ' by the mailed link', code: ' by code' };

export function describeEntry(entry: HistoryEntry): string {
  const d = entry.details;
  switch (entry.type) {
    case 'opened': return 'opened the case';
    case 'closed': return 'closed the case';
    case 'reopened':
      if (d.reason !== 'customer_reply') return 'reopened the case';
      return `reopened the case by replying${REPLY_VIA[String(d.via)] ?? ''}`;
    case 'subject_changed':
      return `changed the subject from “${text(d.from)}” to “${text(d.to)}”`;
    case 'transferred': return `transferred the case from ${text(d.from)} to ${text(d.to)}`;
    case 'customer_changed':
      return d.customerNo == null ? 'removed the customer'
        : `set the customer to C${text(d.customerNo)}`;
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
    default: return genericEntry(entry);
  }
}

function genericEntry(entry: HistoryEntry): string {
  const words = entry.type.replaceAll('_', ' ');
  const parts = Object.entries(entry.details)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => `${key}: ${text(value)}`);
  return parts.length === 0 ? words : `${words} (${parts.join(', ')})`;
}

function visibilityWord(value: unknown): string {
  return value === 'public' || value === 'private' || value === 'supervisor'
    ? VISIBILITY_LABEL[value] : text(value);
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
