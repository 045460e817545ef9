/**
 * Writes that must not wait for locks. Inside `trx`, a lock another writer holds
 * fails the statement at once (SQLite) or after a moment (PostgreSQL) with an error
 * `isBusyError` recognises, so the caller can answer now and try again later.
 *
 * SQLite: better-sqlite3 waits for a lock on the event loop's own thread, which
 * would stop every request of the process; the wait is switched off for this
 * transaction's statements and back on before the transaction ends. Kysely holds
 * the one connection for the whole transaction, so no other query runs meanwhile.
 * (A transaction that reads first fails its first write at once anyway, in WAL
 * mode; this keeps it so for one that writes first.)
 */
import { sql } from 'kysely';
import { SQLITE_BUSY_TIMEOUT_MS, type DialectName, type Db } from './database.js';

/** PostgreSQL: how long a statement may wait for a row or table lock. */
const POSTGRES_LOCK_TIMEOUT = '100ms';

export async function withoutLockWaits<T>(
  trx: Db, dialect: DialectName, work: () => Promise<T>,
): Promise<T> {
  if (dialect === 'postgres') {
    // `set local` ends with the transaction, whatever way it ends.
    await sql.raw(`set local lock_timeout = '${POSTGRES_LOCK_TIMEOUT}'`).execute(trx);
    return work();
  }
  await sql.raw('pragma busy_timeout = 0').execute(trx);
  try {
    return await work();
  } finally {
    await sql.raw(`pragma busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`).execute(trx);
  }
}
