/**
 * One message of a case's thread. The visibility badge and the coloured edge
 * both say who can read it; the full text is shown, never cut or scrolled.
 */
import type { ReactNode } from 'react';
import type { Message } from '../api/types';
import { formatDateTime } from '../lib/format';
import { VisibilityBadge } from './badges';

interface Props {
  message: Message;
  timeZone?: string | null;
  /** E.g. the supervisor's Redact button. */
  actions?: ReactNode;
}

export function MessageView({ message, timeZone, actions }: Props) {
  const author = message.author;
  return (
    <article
      className={`message message-${message.visibility}`} data-testid="message"
      data-visibility={message.visibility} data-message-id={message.id}
      aria-label={`Message from ${author.name}`}
    >
      <header className="message-header">
        <VisibilityBadge visibility={message.visibility} />
        <span className="message-author">
          <bdi>{author.name}</bdi>
          {author.type === 'customer' && <span className="muted"> (customer)</span>}
        </span>
        <time dateTime={message.createdAt}>{formatDateTime(message.createdAt, timeZone)}</time>
        {actions && <span className="message-actions">{actions}</span>}
      </header>
      {message.redacted && (
        <p className="redacted-note">This message was redacted by a supervisor.</p>
      )}
      <div className="message-body" dir="auto">{message.body}</div>
    </article>
  );
}
