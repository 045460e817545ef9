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
