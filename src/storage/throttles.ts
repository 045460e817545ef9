import { sql } from 'kysely';
import type { Db } from './database.js';

export interface ThrottleState {
  failures: number;
  blockedUntil: string | null;
}

/**
 * Counts one more attempt against `key` in a single statement, so parallel
 * attempts each see their own count (an upsert takes the row's lock in
 * PostgreSQL; SQLite runs one writer at a time). A window older than
 * `windowStart` starts again at one.
 */
export async function countAttempt(
  db: Db, key: string, now: string, windowStart: string,
): Promise<ThrottleState> {
  const row = await db.insertInto('throttles')
    .values({ key, failures: 1, window_started_at: now, blocked_until: null })
    .onConflict((oc) => oc.column('key').doUpdateSet({
      failures: sql<number>`case when throttles.window_started_at < ${windowStart}
        then 1 else throttles.failures + 1 end`,
      window_started_at: sql<string>`case when throttles.window_started_at < ${windowStart}
        then ${now} else throttles.window_started_at end`,
    }))
    .returning(['failures', 'blocked_until'])
    .executeTakeFirstOrThrow();
  return { failures: Number(row.failures), blockedUntil: row.blocked_until };
}

export async function blockUntil(db: Db, key: string, until: string): Promise<void> {
  await db.updateTable('throttles').set({ blocked_until: until })
    .where('key', '=', key)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', until)]))
    .execute();
}

export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.deleteFrom('throttles').where('key', '=', key).execute();
}
