/** The outbox as admins see it: every mail of the account, and a retry for a failed one. */
import type { Db } from '../storage/database.js';
import { findOutboxMail, listOutbox, requeueMail } from '../storage/outbox.js';
import type { OutboxRow } from '../storage/schema-mail.js';
import { assertAdmin, type Viewer } from './access.js';
import { ConflictError, NotFoundError } from './errors.js';

export interface OutboxEntry {
  id: number; kind: string; to: string; subject: string;
  status: 'queued' | 'sent' | 'failed'; attempts: number; lastError: string | null;
  createdAt: string; sentAt: string | null;
}

export async function outboxOf(
  db: Db, viewer: Viewer, o: { limit: number; cursor?: number | undefined },
): Promise<{ items: OutboxEntry[]; nextCursor: string | null }> {
  assertAdmin(viewer);
  const rows = await listOutbox(db, viewer.accountId, { limit: o.limit + 1, beforeId: o.cursor });
  const page = rows.slice(0, o.limit);
  return {
    items: page.map(toEntry),
    nextCursor: rows.length > o.limit ? String(page[page.length - 1]!.id) : null,
  };
}

export async function retryOutboxMail(db: Db, viewer: Viewer, id: number): Promise<OutboxEntry> {
  assertAdmin(viewer);
  const row = await findOutboxMail(db, viewer.accountId, id);
  if (!row) throw new NotFoundError('Mail not found');
  if (!(await requeueMail(db, viewer.accountId, id))) {
    throw new ConflictError('Only a failed mail can be retried, and not one stopped by a '
      + 'redaction');
  }
  return toEntry((await findOutboxMail(db, viewer.accountId, id))!);
}

function toEntry(row: OutboxRow): OutboxEntry {
  return {
    id: row.id, kind: row.kind, to: row.recipient, subject: row.subject,
    // "sending" is a worker's moment inside "queued"; the API names three states.
    status: row.status === 'sending' ? 'queued' : row.status,
    attempts: row.attempts, lastError: row.last_error, createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}
