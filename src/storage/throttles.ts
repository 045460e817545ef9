import type { Db } from './database.js';

export function findThrottle(db: Db, key: string) {
  return db.selectFrom('throttles').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function saveThrottle(
  db: Db,
  t: { key: string; failures: number; windowStartedAt: string; blockedUntil: string | null },
): Promise<void> {
  const values = {
    key: t.key, failures: t.failures, window_started_at: t.windowStartedAt,
    blocked_until: t.blockedUntil,
  };
  await db.insertInto('throttles').values(values)
    .onConflict((oc) => oc.column('key').doUpdateSet({
      failures: t.failures, window_started_at: t.windowStartedAt,
      blocked_until: t.blockedUntil,
    }))
    .execute();
}

export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.deleteFrom('throttles').where('key', '=', key).execute();
}
