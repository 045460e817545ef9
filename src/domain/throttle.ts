/**
 * Guessing throttles kept in the database, so every server process shares them.
 * They key on what is attacked (an account + e-mail, a case), never on the
 * client's address, so one attacker cannot lock out a whole office.
 */
import type { Db } from '../storage/database.js';
import { clearThrottle, findThrottle, saveThrottle } from '../storage/throttles.js';
import { RateLimitedError } from './errors.js';

export interface ThrottlePolicy {
  /** Failures allowed inside the window before blocking starts. */
  freeFailures: number;
  windowSeconds: number;
  /** First block; it doubles with each further failure up to maxBlockSeconds. */
  blockSeconds: number;
  maxBlockSeconds: number;
}

export const SIGN_IN_POLICY: ThrottlePolicy = {
  freeFailures: 5, windowSeconds: 15 * 60, blockSeconds: 30, maxBlockSeconds: 15 * 60,
};

/** Throws 429 while the key is blocked. */
export async function assertNotThrottled(db: Db, key: string, at = Date.now()) {
  const row = await findThrottle(db, key);
  if (row?.blocked_until && Date.parse(row.blocked_until) > at) {
    const retryAfter = Math.ceil((Date.parse(row.blocked_until) - at) / 1000);
    throw new RateLimitedError('Too many failed attempts; try again later', retryAfter);
  }
}

export async function recordFailure(
  db: Db, key: string, policy: ThrottlePolicy, at = Date.now(),
): Promise<void> {
  const row = await findThrottle(db, key);
  const windowOpen = row && at - Date.parse(row.window_started_at) < policy.windowSeconds * 1000;
  const failures = windowOpen ? row.failures + 1 : 1;
  const windowStartedAt = windowOpen ? row.window_started_at : new Date(at).toISOString();
  const over = failures - policy.freeFailures;
  const blockedUntil = over > 0
    ? new Date(at + Math.min(policy.blockSeconds * 2 ** (over - 1), policy.maxBlockSeconds)
      * 1000).toISOString()
    : null;
  await saveThrottle(db, { key, failures, windowStartedAt, blockedUntil });
}

export function recordSuccess(db: Db, key: string): Promise<void> {
  return clearThrottle(db, key);
}
