import type { Db } from './database.js';
import { preparedQuery } from './prepared.js';
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
  if (visibilities.length === 0) return [];
  if (visibilities.length > 3) throw new Error('there are three visibility levels');
  // Three fixed slots; a reader of two levels repeats the last one.
  const [v1, v2 = v1, v3 = v2] = visibilities as [Visibility, ...Visibility[]];
  const rows = await messagesOfCase(db, { accountId, caseId, v1, v2, v3 });
  return rows.map(toMessage);
}

const messagesOfCase = preparedQuery((db, p: {
  accountId: number; caseId: number; v1: Visibility; v2: Visibility; v3: Visibility;
}) => db.selectFrom('messages').selectAll()
  .where('account_id', '=', p.accountId).where('case_id', '=', p.caseId)
  .where('visibility', 'in', [p.v1, p.v2, p.v3]).orderBy('id'));

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

/** When the case last got a message at one of these levels; null when it has none. */
export async function lastMessageAt(
  db: Db, accountId: number, caseId: number, visibilities: readonly Visibility[],
): Promise<string | null> {
  const row = await db.selectFrom('messages').select((eb) => eb.fn.max('created_at').as('at'))
    .where('account_id', '=', accountId).where('case_id', '=', caseId)
    .where('visibility', 'in', visibilities).executeTakeFirst();
  return row?.at ?? null;
}
