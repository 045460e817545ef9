import type { Db } from './database.js';
import type { Author, HistoryEntry } from '../domain/types.js';
import { now } from './clock.js';

export async function insertHistory(
  db: Db, accountId: number, caseId: number,
  e: { type: string; actor: Author; details?: Record<string, unknown>; at?: string },
): Promise<void> {
  await db.insertInto('case_history').values({
    account_id: accountId,
    case_id: caseId,
    type: e.type,
    at: e.at ?? now(),
    actor_type: e.actor.type,
    actor_staff_id: e.actor.id,
    actor_name: e.actor.name,
    details: JSON.stringify(e.details ?? {}),
  }).execute();
}

export async function listHistory(
  db: Db, accountId: number, caseId: number,
): Promise<HistoryEntry[]> {
  const rows = await db.selectFrom('case_history').selectAll()
    .where('account_id', '=', accountId).where('case_id', '=', caseId).orderBy('id').execute();
  return rows.map((r) => ({
    type: r.type,
    at: r.at,
    actor: { type: r.actor_type as Author['type'], id: r.actor_staff_id, name: r.actor_name },
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}
