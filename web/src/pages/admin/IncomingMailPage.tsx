/**
 * Incoming mail that Caseline could not join to a case (no Case # it knows,
 * an unknown sender, an auto-reply…), kept for an admin to read. The reason
 * comes from the server as it is; each message's text opens on demand and is
 * shown as plain text, never as HTML.
 */
import { listTriage } from '../../api/mail';
import type { TriageMail } from '../../api/types';
import { LoadError, Loading } from '../../components/LoadState';
import { formatDateTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { AdminOnly } from './AdminOnly';

export function IncomingMailPage() {
  return (
    <AdminOnly title="Incoming mail">
      <Triage />
    </AdminOnly>
  );
}

function Triage() {
  const list = useLoad((signal) => listTriage(signal), []);
  if (list.error) return <LoadError error={list.error} retry={list.reload} />;
  if (!list.data) return <Loading what="Loading incoming mail" />;
  return (
    <>
      <p className="muted">
        Mail sent to the account that Caseline could not join to a case waits here.
      </p>
      <div className="toolbar">
        <button type="button" className="button-secondary" disabled={list.loading}
          onClick={list.reload}>
          {list.loading ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {list.data.length === 0 ? <p className="muted">No incoming mail is waiting.</p> : (
        <ul className="rows">
          {list.data.map((mail) => <TriageRow key={mail.id} mail={mail} />)}
        </ul>
      )}
    </>
  );
}

function TriageRow({ mail }: { mail: TriageMail }) {
  return (
    <li className="row triage-row" data-testid="triage-row" data-mail-id={mail.id}>
      <div className="row-main">
        <strong dir="auto">{mail.subject || '(no subject)'}</strong>
        <br /><Sender mail={mail} />
        <br /><span className="muted">
          Received <time dateTime={mail.receivedAt}>{formatDateTime(mail.receivedAt)}</time>
          {' · '}<span dir="auto">{mail.reason}</span>
        </span>
        <details className="triage-body">
          <summary>Show message</summary>
          <div className="message-body" dir="auto">
            {mail.body || <span className="muted">(no text)</span>}
          </div>
        </details>
      </div>
    </li>
  );
}

function Sender({ mail }: { mail: TriageMail }) {
  if (!mail.from) return <span className="muted">Unknown sender</span>;
  return (
    <span>
      {mail.fromName && <><bdi>{mail.fromName}</bdi>{' '}</>}
      <bdi className={mail.fromName ? 'muted' : undefined}>
        {mail.fromName ? `<${mail.from}>` : mail.from}
      </bdi>
    </span>
  );
}
