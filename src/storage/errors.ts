/**
 * Driver errors become domain errors here, at the storage edge, so nothing
 * above storage inspects SQLite or PostgreSQL error codes.
 */
import type { DomainError } from '../domain/errors.js';

export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE'
    || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Runs a write and turns a unique-key violation into the given domain error. */
export async function onUniqueViolation<T>(
  write: Promise<T>, toError: () => DomainError,
): Promise<T> {
  try {
    return await write;
  } catch (err) {
    if (isUniqueViolation(err)) throw toError();
    throw err;
  }
}

/**
 * The database could not take a lock in time: another writer holds it (SQLite
 * BUSY/LOCKED, a changed WAL snapshot), or PostgreSQL's lock_timeout ran out or it
 * broke a deadlock or serialisation conflict. Trying the same write later is right.
 */
export function isBusyError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')
    || code === '55P03' || code === '40001' || code === '40P01';
}
