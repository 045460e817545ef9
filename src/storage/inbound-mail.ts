/** Mail taken in: a record of each, joined to its case or kept for triage. */
import type { Db } from './database.js';
import type { InboundStatus } from './schema-mail.js';
import { now } from './clock.js';

export async function insertInboundMail(db: Db, accountId: number, m: {
  messageId: string; status: InboundStatus; caseId: number | null; fromAddress: string | null;
  fromName: string | null; subject: string; body: string; reason: string;
}): Promise<number> {
  const row = await db.insertInto('inbound_mail').values({
    account_id: accountId, message_id: m.messageId, status: m.status, case_id: m.caseId,
    from_address: m.fromAddress, from_name: m.fromName, subject: m.subject, body: m.body,
    reason: m.reason, received_at: now(),
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function hasInboundMail(
  db: Db, accountId: number, messageId: string,
): Promise<boolean> {
  const row = await db.selectFrom('inbound_mail').select('id')
    .where('account_id', '=', accountId).where('message_id', '=', messageId).executeTakeFirst();
  return row !== undefined;
}

export function listTriage(db: Db, accountId: number, o: { limit: number; beforeId?: number }) {
  return db.selectFrom('inbound_mail').selectAll()
    .where('account_id', '=', accountId).where('status', '=', 'triage')
    .$if(o.beforeId !== undefined, (q) => q.where('id', '<', o.beforeId!))
    .orderBy('id', 'desc').limit(o.limit).execute();
}

export function findInboundMail(db: Db, accountId: number, id: number) {
  return db.selectFrom('inbound_mail').selectAll()
    .where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

/**
 * Takes a mail out of triage. Only a row still in triage changes, so of two admins
 * acting on one mail at once the second finds nothing to change (false).
 */
export async function settleTriageMail(
  db: Db, accountId: number, id: number,
  to: { status: Extract<InboundStatus, 'opened' | 'dismissed'>; caseId: number | null },
): Promise<boolean> {
  const result = await db.updateTable('inbound_mail')
    .set({ status: to.status, case_id: to.caseId })
    .where('account_id', '=', accountId).where('id', '=', id).where('status', '=', 'triage')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
