/**
 * Incoming mail that Caseline could not join to a case (no Case # it knows,
 * an unknown sender, an auto-reply…), kept for an admin to read and settle:
 * open a case from it, in the admin's department or another, or dismiss it
 * after confirming. The reason comes from the server as it is; each message's
 * text opens on demand and is shown as plain text, never as HTML. Older mail
 * comes a page at a time.
 */
import { useState, type FormEvent } from 'react';
import { listDepartments } from '../../api/admin';
import { dismissTriageMail, listTriage, openTriageMail } from '../../api/mail';
import type { DepartmentRef, TriageMail } from '../../api/types';
import { FormError } from '../../components/FormError';
import { SelectField } from '../../components/fields';
import { LoadError, Loading } from '../../components/LoadState';
import { fieldErrorsOf } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useFocusLater } from '../../lib/use-focus-later';
import { useLoad } from '../../lib/use-load';
import { usePagedList } from '../../lib/use-paged-list';
import { Link } from '../../router';
import { useSession } from '../../session';
import { AdminOnly } from './AdminOnly';

const DISMISS_QUESTION = 'Dismiss this mail? It leaves Incoming mail for good, and the same '
  + 'message is not taken in again if it is delivered once more.';

export function IncomingMailPage() {
  return (
    <AdminOnly title="Incoming mail">
      <Triage />
    </AdminOnly>
  );
}

function Triage() {
  const { first, more, loadingMore, moreError } = usePagedList(listTriage);
  const departments = useLoad((signal) => listDepartments(signal), []);
  // A dismissed row and its buttons go; keep keyboard focus on the page.
  const focusLater = useFocusLater();
  const loaded = first.data;
  const loadError = first.error ?? departments.error;

  function retry() {
    first.reload();
    departments.reload();
  }

  function dismissed(mail: TriageMail) {
    first.setData((now) => now && { ...now, items: now.items.filter((m) => m.id !== mail.id) });
    focusLater('#triage-intro');
  }

  if (loadError) return <LoadError error={loadError} retry={retry} />;
  if (!loaded || !departments.data) return <Loading what="Loading incoming mail" />;
  return (
    <>
      <p className="muted" id="triage-intro">
        Mail sent to the account that Caseline could not join to a case waits here. Open a
        case from it, or dismiss it.
      </p>
      <div className="toolbar">
        <button type="button" className="button-secondary" disabled={first.loading}
          onClick={first.reload}>
          {first.loading ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {loaded.items.length === 0 ? <p className="muted">No incoming mail is waiting.</p> : (
        <ul className="rows">
          {loaded.items.map((mail) => (
            <TriageRow key={mail.id} mail={mail} departments={departments.data!}
              onDismissed={dismissed} />
          ))}
        </ul>
      )}
      <FormError error={moreError} />
      {loaded.cursor && (
        <button type="button" className="button-secondary" disabled={loadingMore}
          onClick={() => void more()}>
          {loadingMore ? 'Loading…' : 'Show older'}
        </button>
      )}
    </>
  );
}

interface RowProps {
  mail: TriageMail;
  departments: DepartmentRef[];
  onDismissed: (mail: TriageMail) => void;
}

function TriageRow({ mail, departments, onDismissed }: RowProps) {
  const { me } = useSession();
  const [departmentPick, setDepartmentPick] = useState(String(me.department.id));
  const [busy, setBusy] = useState<'open' | 'dismiss' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [caseNo, setCaseNo] = useState<number | null>(null);
  // The form goes once the case is open; focus moves to the link that replaces it.
  const focusLater = useFocusLater();
  const fields = fieldErrorsOf(error);
  const subject = mail.subject || '(no subject)';
  // The admin's own department, unless it has gone from the list since they signed in.
  const departmentId = departments.some((d) => String(d.id) === departmentPick)
    ? departmentPick : String(departments[0]?.id ?? '');

  async function open(event: FormEvent) {
    event.preventDefault();
    setBusy('open');
    setError(null);
    try {
      const opened = await openTriageMail(mail.id, Number(departmentId));
      setCaseNo(opened.caseNo);
      focusLater(`[data-mail-id="${mail.id}"] .triage-opened a`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  async function dismiss() {
    if (!window.confirm(DISMISS_QUESTION)) return;
    setBusy('dismiss');
    setError(null);
    try {
      await dismissTriageMail(mail.id);
      onDismissed(mail);
    } catch (err) {
      setError(err);
      setBusy(null);
    }
  }

  return (
    <li className="row triage-row" data-testid="triage-row" data-mail-id={mail.id}>
      <div className="row-main">
        <strong dir="auto">{subject}</strong>
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
        {caseNo !== null ? (
          <p className="notice triage-opened" role="status">
            Opened as <Link to={`/cases/${caseNo}`}>Case #{caseNo}</Link>.
          </p>
        ) : (
          <form className="form triage-actions" onSubmit={open}
            aria-label={`Settle mail: ${subject}`}>
            <FormError error={error} shown={['departmentId']} />
            <div className="inline-form">
              <SelectField label="Department" value={departmentId} error={fields.departmentId}
                onValueChange={setDepartmentPick}>
                {departments.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
              </SelectField>
              <button type="submit" disabled={busy !== null || departmentId === ''}>
                {busy === 'open' ? 'Opening…' : 'Open as a case'}
              </button>
              <button type="button" className="button-danger" disabled={busy !== null}
                aria-label={`Dismiss mail: ${subject}`} onClick={() => void dismiss()}>
                {busy === 'dismiss' ? 'Dismissing…' : 'Dismiss'}
              </button>
            </div>
          </form>
        )}
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
