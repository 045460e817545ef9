import type { Db } from './database.js';
import type { MessageRow } from './schema.js';
import type { Message, Visibility } from '../domain/types.js';
import { now } from './clock.js';

export interface NewMessageFields {
  visibility: Visibility;
  body: string;
  author: { type: 'staff' | 'customer'; staffId: number | null; name: string };
  createdAt?: string;
}

export async function insertMessage(
  db: Db, accountId: number, caseId: number, m: NewMessageFields,
): Promise<Message> {
  const row = await db.insertInto('messages').values({
    account_id: accountId,
    case_id: caseId,
    visibility: m.visibility,
    body: m.body,
    author_type: m.author.type,
    author_staff_id: m.author.staffId,
    author_name: m.author.name,
    created_at: m.createdAt ?? now(),
    redacted: 0,
  }).returningAll().executeTakeFirstOrThrow();
  return toMessage(row);
}

/**
 * The messages of a case at the given levels, oldest first. `visibilities`
 * must come from access.readableVisibilities: storage has no opinion of its own.
 */
export async function listMessages(
  db: Db, accountId: number, caseId: number, visibilities: readonly Visibility[],
): Promise<Message[]> {
  const rows = await db.selectFrom('messages').selectAll()
    .where('account_id', '=', accountId).where('case_id', '=', caseId)
    .where('visibility', 'in', visibilities).orderBy('id').execute();
  return rows.map(toMessage);
}

export async function findMessage(db: Db, accountId: number, caseId: number, id: number) {
  const row = await db.selectFrom('messages').selectAll()
    .where('account_id', '=', accountId).where('case_id', '=', caseId).where('id', '=', id)
    .executeTakeFirst();
  return row && toMessage(row);
}

export async function redactMessageBody(
  db: Db, accountId: number, id: number, body: string,
): Promise<void> {
  await db.updateTable('messages').set({ body, redacted: 1 })
    .where('account_id', '=', accountId).where('id', '=', id).execute();
}

function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    visibility: row.visibility as Visibility,
    body: row.body,
    author: { type: row.author_type as 'staff' | 'customer', id: row.author_staff_id,
      name: row.author_name },
    createdAt: row.created_at,
    redacted: row.redacted === 1,
  };
}
