/**
 * Writes that must not hold on to a connection while they wait for a lock. On
 * PostgreSQL, inside `trx`, a row or table lock another transaction holds fails the
 * statement after a moment with an error `isBusyError` recognises, so the caller
 * can give the pooled connection back, answer now and try again later; a webhook
 * event waiting on a lock for minutes would otherwise keep one of the pool's few
 * connections, and enough of them would starve every request.
 *
 * SQLite needs nothing here: its transactions take the write lock before they
 * begin and wait for it without keeping the connection (sqlite-driver.ts).
 */
import { sql } from 'kysely';
import type { DialectName, Db } from './database.js';

/** PostgreSQL: how long a statement may wait for a row or table lock. */
const POSTGRES_LOCK_TIMEOUT = '100ms';

export async function withoutLockWaits<T>(
  trx: Db, dialect: DialectName, work: () => Promise<T>,
): Promise<T> {
  if (dialect === 'postgres') {
    // `set local` ends with the transaction, whatever way it ends.
    await sql.raw(`set local lock_timeout = '${POSTGRES_LOCK_TIMEOUT}'`).execute(trx);
  }
  return work();
}
