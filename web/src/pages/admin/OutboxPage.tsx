/**
 * Outbox: every mail Caseline has written, newest first, with where it
 * stands. Mail is written here first and sent by the server's worker; with no
 * SMTP_URL configured it simply waits, so the page says so until something
 * has been sent. A failed mail can be queued again.
 */
import { useState } from 'react';
import { listOutbox, retryOutboxMail } from '../../api/mail';
import type { OutboxEntry } from '../../api/types';
import { FormError } from '../../components/FormError';
import { LoadError, Loading } from '../../components/LoadState';
import { formatDateTime, MAIL_STATUS_LABEL, mailKindLabel } from '../../lib/format';
import { usePagedList } from '../../lib/use-paged-list';
import { AdminOnly } from './AdminOnly';

export function OutboxPage() {
  return (
    <AdminOnly title="Outbox">
      <Outbox />
    </AdminOnly>
  );
}

function Outbox() {
  const { first, more, loadingMore, moreError } = usePagedList(listOutbox);
  const loaded = first.data;

  function replace(entry: OutboxEntry) {
    if (!loaded) return;
    first.setData({ ...loaded, items: loaded.items.map((m) => (m.id === entry.id ? entry : m)) });
  }

  if (first.error) return <LoadError error={first.error} retry={first.reload} />;
  if (!loaded) return <Loading what="Loading the outbox" />;
  return (
    <>
      {!loaded.items.some((m) => m.status === 'sent') && (
        <p className="notice" data-testid="outbox-note">
          Nothing has been sent yet. Mail waits here until the server is configured with
          SMTP_URL (the mail server to send through); then it goes out by itself.
        </p>
      )}
      <div className="toolbar">
        <button type="button" className="button-secondary" disabled={first.loading}
          onClick={first.reload}>
          {first.loading ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {loaded.items.length === 0 ? <p className="muted">No mail yet.</p>
        : <OutboxTable items={loaded.items} onRetried={replace} />}
      <FormError error={moreError} />
      {loaded.cursor && (
        <button type="button" className="button-secondary" disabled={loadingMore}
          onClick={() => void more()}>
          {loadingMore ? 'Loading…' : 'Load more'}
        </button>
      )}
    </>
  );
}

function OutboxTable(
  { items, onRetried }: { items: OutboxEntry[]; onRetried: (entry: OutboxEntry) => void },
) {
  const [busyId, setBusyId] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function retry(entry: OutboxEntry) {
    setBusyId(entry.id);
    setError(null);
    try {
      onRetried(await retryOutboxMail(entry.id));
    } catch (err) {
      setError(err);
    } finally {
      setBusyId(null);
    }
  }

  return (
    <>
      <FormError error={error} />
      <div className="table-wrap">
        <table className="outbox-table">
          <caption className="sr-only">Outgoing mail, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">To</th>
              <th scope="col">Subject</th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {items.map((entry) => (
              <tr key={entry.id} data-testid="outbox-row" data-kind={entry.kind}
                data-status={entry.status}>
                <td>{mailKindLabel(entry.kind)}</td>
                <td dir="auto">{entry.to}</td>
                <td dir="auto">{entry.subject}</td>
                <td><MailState entry={entry} /></td>
                <td><time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt)}</time></td>
                <td>
                  {entry.status === 'failed' && (
                    <button type="button" className="button-small button-secondary"
                      disabled={busyId === entry.id} aria-label={`Retry mail to ${entry.to}`}
                      onClick={() => void retry(entry)}>
                      Retry
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function MailState({ entry }: { entry: OutboxEntry }) {
  return (
    <>
      <span className={`badge mail-${entry.status}`} data-testid="mail-status">
        {MAIL_STATUS_LABEL[entry.status] ?? entry.status}
      </span>
      {entry.sentAt && (
        <div className="muted"><time dateTime={entry.sentAt}>{formatDateTime(entry.sentAt)}</time>
        </div>
      )}
      {entry.attempts > 0 && entry.status !== 'sent' && (
        <div className="muted">
          {entry.attempts} {entry.attempts === 1 ? 'attempt' : 'attempts'}
        </div>
      )}
      {entry.lastError && entry.status !== 'sent' && (
        <div className="muted" dir="auto">{entry.lastError}</div>
      )}
    </>
  );
}
