/**
 * The outbox: every e-mail Caseline sends is a row here first, written in the
 * same transaction as the message or action that caused it. Workers claim due
 * rows with a lease; on PostgreSQL `for update skip locked` keeps two
 * processes from claiming one row, and SQLite has one writer at a time.
 */
import type { DialectName, Db } from './database.js';
import type { OutboxRow, OutboxStatus } from './schema-mail.js';
import { now } from './clock.js';

export interface NewOutboxMail {
  caseId: number | null;
  kind: string;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  replyTo: string | null;
  /** When the mail's link stops working (migration 005); null: it has none. */
  expiresAt?: string | null;
}

export async function insertOutboxMail(
  db: Db, accountId: number, m: NewOutboxMail,
): Promise<OutboxRow> {
  const at = now();
  return db.insertInto('outbox').values({
    account_id: accountId, case_id: m.caseId, kind: m.kind, recipient: m.recipient,
    subject: m.subject, text_body: m.text, html_body: m.html, message_id: m.messageId,
    reply_to: m.replyTo, status: 'queued', attempts: 0, next_attempt_at: at, created_at: at,
    expires_at: m.expiresAt ?? null,
  }).returningAll().executeTakeFirstOrThrow();
}

/**
 * Takes the next due row: queued and due, or still "sending" under a lease that
 * ran out (its worker died). The claim counts an attempt and sets the lease.
 */
export async function claimDueMail(
  db: Db, dialect: DialectName, at: string, leaseUntil: string,
): Promise<OutboxRow | undefined> {
  const due = db.selectFrom('outbox').select('id')
    .where((eb) => eb.or([
      eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', at)]),
      eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', at)]),
    ]))
    .orderBy('next_attempt_at').orderBy('id').limit(1)
    .$if(dialect === 'postgres', (q) => q.forUpdate().skipLocked());
  return db.updateTable('outbox')
    .set((eb) => ({ status: 'sending', lease_until: leaseUntil,
      attempts: eb('attempts', '+', 1) }))
    .where('id', '=', due)
    .returningAll()
    .executeTakeFirst();
}

/** Settles a claimed row; a worker whose lease was taken over changes nothing. */
export async function settleMail(
  db: Db, id: number, lease: string,
  outcome: { status: Exclude<OutboxStatus, 'sending'>; error?: string | null;
    nextAttemptAt?: string },
): Promise<boolean> {
  const at = now();
  const result = await db.updateTable('outbox').set({
    status: outcome.status,
    lease_until: null,
    last_error: outcome.error ?? null,
    ...(outcome.status === 'sent' && { sent_at: at }),
    ...(outcome.nextAttemptAt !== undefined && { next_attempt_at: outcome.nextAttemptAt }),
  }).where('id', '=', id).where('status', '=', 'sending').where('lease_until', '=', lease)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function listOutbox(
  db: Db, accountId: number, o: { limit: number; beforeId?: number | undefined },
): Promise<OutboxRow[]> {
  return db.selectFrom('outbox').selectAll().where('account_id', '=', accountId)
    .$if(o.beforeId !== undefined, (q) => q.where('id', '<', o.beforeId!))
    .orderBy('id', 'desc').limit(o.limit).execute();
}

/** Puts a failed row back in the queue, due now, with its attempts counted afresh. */
export async function requeueMail(db: Db, accountId: number, id: number): Promise<boolean> {
  const result = await db.updateTable('outbox')
    .set({ status: 'queued', attempts: 0, next_attempt_at: now(), last_error: null })
    .where('account_id', '=', accountId).where('id', '=', id).where('status', '=', 'failed')
    .where((eb) => eb.or([eb('last_error', 'is', null), eb('last_error', '!=', CANCELLED)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export function findOutboxMail(db: Db, accountId: number, id: number) {
  return db.selectFrom('outbox').selectAll()
    .where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

/** The case a Message-ID we sent belongs to, for replies that name it in their headers. */
export async function findCaseIdBySentMessageIds(
  db: Db, accountId: number, messageIds: string[],
): Promise<{ caseId: number } | undefined> {
  if (messageIds.length === 0) return undefined;
  const row = await db.selectFrom('outbox').select('case_id')
    .where('account_id', '=', accountId).where('message_id', 'in', messageIds.slice(0, 50))
    .where('case_id', 'is not', null).orderBy('id', 'desc').executeTakeFirst();
  return row?.case_id != null ? { caseId: row.case_id } : undefined;
}

/**
 * After a redaction: queued mail is stopped (mail already being sent is past stopping)
 * and every copy of the words in the outbox is replaced, sent mail included.
 */
export async function scrubMail(
  db: Db, accountId: number, ids: number[], body: string,
): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('outbox').set({ status: 'failed', last_error: CANCELLED })
    .where('account_id', '=', accountId).where('id', 'in', ids)
    .where('status', '=', 'queued').execute();
  await db.updateTable('outbox').set({ text_body: body, html_body: body })
    .where('account_id', '=', accountId).where('id', 'in', ids).execute();
}

/** The error of mail stopped by a redaction; such mail can never be retried. */
export const CANCELLED = 'cancelled: the message was redacted';

/** How many mails of a kind went to one address since `since` (a limit on sign-in links). */
export async function countRecentMail(
  db: Db, accountId: number, kind: string, recipient: string, since: string,
): Promise<number> {
  const row = await db.selectFrom('outbox').select((eb) => eb.fn.countAll().as('n'))
    .where('account_id', '=', accountId).where('kind', '=', kind)
    .where('recipient', '=', recipient).where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
