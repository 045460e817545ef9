/**
 * A case's history, oldest first, each entry as the sentence the server made of
 * it (`summary`), so the page, the print page and the PDF read the same.
 */
import type { HistoryEntry } from '../api/types';
import { formatDateTime } from '../lib/format';

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
          <span dir="auto">{entry.summary}</span>
        </li>
      ))}
    </ol>
  );
}
