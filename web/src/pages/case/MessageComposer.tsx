/**
 * Adding a message to a case. The visibility is chosen every time (radio
 * group); e-mail options appear only where PRODUCT.md rule 4 allows them: a
 * public message on a case with a contact e-mail. The server's sensitive-data
 * warnings stay on screen after posting until dismissed or the next post.
 */
import { useState, type FormEvent } from 'react';
import { addMessage, type NewMessageInput } from '../../api/cases';
import type { AddedMessage, Case, Visibility } from '../../api/types';
import { FormError } from '../../components/FormError';
import { CheckboxField, TextAreaField } from '../../components/fields';
import { VisibilityChoice } from '../../components/VisibilityChoice';
import { fieldErrorsOf } from '../../lib/errors';
import { mailKindLabel } from '../../lib/format';

interface Props {
  theCase: Case;
  supervisor: boolean;
  onAdded: (added: AddedMessage) => void;
}

export function MessageComposer({ theCase, supervisor, onAdded }: Props) {
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('private');
  const [notify, setNotify] = useState(false);
  const [sendPairing, setSendPairing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [last, setLast] = useState<AddedMessage | null>(null);
  const fields = fieldErrorsOf(error);
  const mailAllowed = visibility === 'public' && theCase.contactEmail !== null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input: NewMessageInput = { body, visibility };
    if (mailAllowed && notify) input.notify = true;
    if (mailAllowed && sendPairing) input.sendPairing = true;
    setBusy(true);
    setError(null);
    setLast(null);
    try {
      const added = await addMessage(theCase.caseNo, input);
      setLast(added);
      setBody('');
      // Back to the safe default, so the next note does not reach the customer by accident.
      setVisibility('private');
      setNotify(false);
      setSendPairing(false);
      onAdded(added);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form composer" onSubmit={submit} aria-labelledby="composer-heading">
      <h2 id="composer-heading">Add a message</h2>
      <FormError error={error} shown={['body', 'visibility', 'notify', 'sendPairing']} />
      {last && <AddedNotice added={last} onDismiss={() => setLast(null)} />}
      <TextAreaField label="Message" value={body} onValueChange={setBody} required rows={6}
        error={fields.body} />
      <VisibilityChoice value={visibility} onChange={setVisibility} supervisor={supervisor}
        error={fields.visibility} />
      {mailAllowed && (
        <div className="mail-options">
          <CheckboxField label="Send e-mail notification" checked={notify}
            onCheckedChange={setNotify} hint={`to ${theCase.contactEmail ?? ''}`} />
          {fields.notify && <p className="field-error">{fields.notify}</p>}
          <CheckboxField label="Send case pairing instruction" checked={sendPairing}
            onCheckedChange={setSendPairing} hint="so the customer can follow the case online" />
          {fields.sendPairing && <p className="field-error">{fields.sendPairing}</p>}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" disabled={busy}>{busy ? 'Adding…' : 'Add message'}</button>
      </div>
    </form>
  );
}

/** What happened to the message just posted: warnings first, then any mail queued. */
function AddedNotice({ added, onDismiss }: { added: AddedMessage; onDismiss: () => void }) {
  if (added.warnings.length === 0 && added.notifications.length === 0) {
    return <p className="notice" role="status">Message added.</p>;
  }
  return (
    <div className={added.warnings.length > 0 ? 'warning-box' : 'notice'}
      role={added.warnings.length > 0 ? 'alert' : 'status'} data-testid="message-warnings">
      {added.warnings.length > 0 && (
        <>
          <p><strong>Message added, but check it:</strong> it looks like it contains
            sensitive data. A supervisor can redact it.</p>
          <ul>
            {added.warnings.map((w, i) => <li key={`${w.kind}-${i}`}>{w.message}</li>)}
          </ul>
        </>
      )}
      {added.notifications.length > 0 && (
        <>
          {added.warnings.length === 0 && <p>Message added.</p>}
          <ul data-testid="mail-queued">
            {added.notifications.map((n) => (
              <li key={n.id}>{mailKindLabel(n.kind)} {mailOutcome(n.status)}{' '}
                <bdi>{n.to}</bdi></li>
            ))}
          </ul>
        </>
      )}
      <button type="button" className="button-secondary button-small" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

/** "queued for" while the outbox holds it; Admin → Outbox shows what happens next. */
function mailOutcome(status: string): string {
  if (status === 'sent') return 'sent to';
  if (status === 'failed') return 'could not be sent to';
  return 'queued for';
}
