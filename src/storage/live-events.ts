/**
 * The live event log. A row is written in the transaction of the change it
 * reports; on PostgreSQL the same transaction sends a NOTIFY, delivered at
 * commit to every process listening, so all of them see it at once. SQLite has
 * one process: its writes are announced in-process (`onLocalLiveEvent`), and a
 * reader woken by that waits for the writer's transaction to end, since Kysely
 * runs one statement at a time on the one connection.
 */
import { EventEmitter } from 'node:events';
import { PostgresAdapter, sql } from 'kysely';
import type { Db } from './database.js';
import { now } from './clock.js';

export const LIVE_CHANNEL = 'caseline_live';

export async function insertLiveEvent(
  trx: Db, accountId: number, kind: string, payload: Record<string, unknown>,
): Promise<number> {
  const row = await trx.insertInto('live_events').values({
    account_id: accountId, kind, payload: JSON.stringify(payload), created_at: now(),
  }).returning('id').executeTakeFirstOrThrow();
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`select pg_notify(${LIVE_CHANNEL}, ${String(row.id)})`.execute(trx);
  } else {
    local.emit('written');
  }
  return row.id;
}

const local = new EventEmitter().setMaxListeners(0);

/** Calls `listener` after each SQLite write of a live event in this process. */
export function onLocalLiveEvent(listener: () => void): () => void {
  local.on('written', listener);
  return () => { local.off('written', listener); };
}

/** Events after `afterId`, oldest first; `accountId` null reads every account's. */
export function listLiveEventsAfter(
  db: Db, afterId: number, o: { accountId?: number; limit: number },
) {
  return db.selectFrom('live_events').selectAll().where('id', '>', afterId)
    .$if(o.accountId !== undefined, (q) => q.where('account_id', '=', o.accountId!))
    .orderBy('id').limit(o.limit).execute();
}

export async function lastLiveEventId(db: Db): Promise<number> {
  const row = await db.selectFrom('live_events').select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

export async function deleteLiveEventsBefore(db: Db, before: string): Promise<void> {
  await db.deleteFrom('live_events').where('created_at', '<', before).execute();
}
