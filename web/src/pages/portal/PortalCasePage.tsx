/**
 * /portal/cases/:caseNo: one case as the customer may see it: its public
 * messages, oldest first, as plain text with line breaks kept, and a reply
 * box. A reply on a closed case reopens it (PRODUCT.md rule 6), and the page
 * says so before sending. A case no longer paired (revoked) is not found.
 */
import { useState, type FormEvent } from 'react';
import { getPortalCase, replyInPortal } from '../../api/portal';
import type { PortalCase, PortalMessage } from '../../api/types';
import { FormError } from '../../components/FormError';
import { TextAreaField } from '../../components/fields';
import { LoadError, Loading } from '../../components/LoadState';
import { fieldErrorsOf, isNotFound } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { useTitle } from '../../lib/use-title';
import { Link } from '../../router';
import { PortalStatusBadge } from './PortalStatusBadge';

export function PortalCasePage({ caseNo }: { caseNo: number }) {
  const loaded = useLoad((signal) => getPortalCase(caseNo, signal), [caseNo]);
  const theCase = loaded.data;
  useTitle(theCase ? `Case #${caseNo}: ${theCase.subject}` : `Case #${caseNo}`);

  function replied(message: PortalMessage) {
    if (!theCase) return;
    loaded.setData({ ...theCase, status: 'in_progress', updatedAt: message.createdAt,
      messages: [...(theCase.messages ?? []), message] });
  }

  return (
    <section className="page portal-page">
      <h1>
        Case #{caseNo}{theCase && <>: <bdi className="case-subject">{theCase.subject}</bdi></>}
      </h1>
      {isNotFound(loaded.error) ? <CaseGone caseNo={caseNo} />
        : loaded.error ? <LoadError error={loaded.error} retry={loaded.reload} />
          : !theCase ? <Loading what="Loading the case" /> : (
            <>
              <dl className="facts">
                <div><dt>Status</dt><dd><PortalStatusBadge status={theCase.status} /></dd></div>
                <div><dt>Opened</dt><dd><Time iso={theCase.createdAt} /></dd></div>
                <div><dt>Last update</dt><dd><Time iso={theCase.updatedAt} /></dd></div>
              </dl>
              <section aria-labelledby="messages-heading">
                <h2 id="messages-heading">Messages</h2>
                <PortalThread messages={theCase.messages ?? []} />
              </section>
              <ReplyForm theCase={theCase} onReplied={replied} />
            </>
          )}
    </section>
  );
}

function CaseGone({ caseNo }: { caseNo: number }) {
  return (
    <div className="form-error" role="alert" data-testid="case-gone">
      <p>Case #{caseNo} is not among your cases. It may have been taken off the portal.</p>
      <p><Link to="/portal/cases">Back to your cases</Link></p>
    </div>
  );
}

function PortalThread({ messages }: { messages: PortalMessage[] }) {
  if (messages.length === 0) return <p className="muted">No messages yet.</p>;
  return (
    <ol className="thread">
      {messages.map((message) => (
        <li key={message.id}>
          <article className={`message portal-message portal-message-${message.author.type}`}
            data-testid="message" data-message-id={message.id}
            data-author-type={message.author.type}
            aria-label={`Message from ${message.author.name}`}>
            <header className="message-header">
              <bdi className="message-author">{message.author.name}</bdi>
              <Time iso={message.createdAt} />
            </header>
            <div className="message-body" dir="auto">{message.body}</div>
          </article>
        </li>
      ))}
    </ol>
  );
}

interface ReplyProps {
  theCase: PortalCase;
  onReplied: (message: PortalMessage) => void;
}

function ReplyForm({ theCase, onReplied }: ReplyProps) {
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState<string | null>(null);
  const closed = theCase.status === 'closed';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSent(null);
    try {
      onReplied(await replyInPortal(theCase.caseNo, body));
      setBody('');
      setSent(closed ? 'Reply sent. The case is open again.' : 'Reply sent.');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form composer" onSubmit={submit} aria-labelledby="reply-heading">
      <h2 id="reply-heading">Reply</h2>
      <FormError error={error} shown={['body']} />
      {sent && <p className="notice" role="status">{sent}</p>}
      {closed && (
        <p className="notice-closed" data-testid="closed-note">
          This case is closed. Sending a reply reopens it.
        </p>
      )}
      <TextAreaField label="Write a reply" value={body} onValueChange={setBody} required
        rows={6} maxLength={100_000} error={fieldErrorsOf(error).body} />
      <div className="form-actions">
        <button type="submit" disabled={busy}>{busy ? 'Sending…' : 'Send'}</button>
      </div>
    </form>
  );
}

function Time({ iso }: { iso: string }) {
  return <time dateTime={iso}>{formatDateTime(iso)}</time>;
}
