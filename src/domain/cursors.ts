/**
 * Page cursors for lists in "newest first" order by a time and then a number (cases by
 * activity and Case #, calls by start and id): opaque to clients, and refused with a
 * 400 naming `cursor` when they are not one this server handed out.
 */
import { ValidationError } from './errors.js';

export interface TimeKey { at: string; n: number }

export function encodeCursor(key: TimeKey): string {
  return Buffer.from(JSON.stringify([key.at, key.n])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): TimeKey | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const [at, n] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (typeof at === 'string' && Number.isInteger(n)) return { at, n: n as number };
  } catch {
    // fall through to the validation error
  }
  throw ValidationError.field('cursor', 'is not a cursor this server handed out');
}
