/**
 * The messages of a case, oldest first. Supervisors get a Redact button on
 * each message not yet redacted; redaction asks for confirmation first since
 * it cannot be undone.
 */
import { useState } from 'react';
import { redactMessage } from '../../api/cases';
import type { Message } from '../../api/types';
import { FormError } from '../../components/FormError';
import { MessageView } from '../../components/MessageView';
import { useFocusLater } from '../../lib/use-focus-later';

interface Props {
  caseNo: number;
  messages: Message[];
  supervisor: boolean;
  onRedacted: (message: Message) => void;
}

const CONFIRM = 'Redact this message? Its text is replaced for everyone and cannot be '
  + 'brought back. The case history will record the redaction.';

export function CaseThread({ caseNo, messages, supervisor, onRedacted }: Props) {
  const [busyId, setBusyId] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  // The Redact button vanishes with the redaction; keep keyboard focus on its message.
  const focusLater = useFocusLater();

  async function redact(message: Message) {
    if (!window.confirm(CONFIRM)) return;
    setBusyId(message.id);
    setError(null);
    try {
      onRedacted(await redactMessage(caseNo, message.id));
      focusLater(`[data-message-id="${message.id}"]`);
    } catch (err) {
      setError(err);
    } finally {
      setBusyId(null);
    }
  }

  if (messages.length === 0) return <p className="muted">No messages you may read.</p>;
  return (
    <>
      <FormError error={error} />
      <ol className="thread">
        {messages.map((message) => (
          <li key={message.id}>
            <MessageView
              message={message}
              actions={supervisor && !message.redacted && (
                <button type="button" className="button-small button-danger"
                  disabled={busyId === message.id} onClick={() => void redact(message)}>
                  Redact
                </button>
              )}
            />
          </li>
        ))}
      </ol>
    </>
  );
}
