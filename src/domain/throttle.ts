/**
 * Guessing throttles kept in the database, so every server process shares them.
 * They key on what is attacked (an account + e-mail, a case), never on the
 * client's address, so one attacker cannot lock out a whole office.
 *
 * An attempt is counted before the secret is checked and forgiven only when it
 * succeeds: forty guesses sent at once are forty counted attempts, not forty
 * reads of the same old count.
 */
import type { Db } from '../storage/database.js';
import { blockUntil, clearThrottle, countAttempt } from '../storage/throttles.js';
import { RateLimitedError } from './errors.js';

export interface ThrottlePolicy {
  /** Attempts allowed inside the window before blocking starts. */
  freeAttempts: number;
  windowSeconds: number;
  /** First block; it doubles with each further attempt up to maxBlockSeconds. */
  blockSeconds: number;
  maxBlockSeconds: number;
}

export const SIGN_IN_POLICY: ThrottlePolicy = {
  freeAttempts: 5, windowSeconds: 15 * 60, blockSeconds: 30, maxBlockSeconds: 15 * 60,
};

/** Counts an attempt; throws 429 when the key is blocked or has just run out. */
export async function takeAttempt(
  db: Db, key: string, policy: ThrottlePolicy, at = Date.now(),
): Promise<void> {
  const now = new Date(at).toISOString();
  const windowStart = new Date(at - policy.windowSeconds * 1000).toISOString();
  const state = await countAttempt(db, key, now, windowStart);

  const over = state.failures - policy.freeAttempts;
  const blockedMs = state.blockedUntil ? Date.parse(state.blockedUntil) - at : 0;
  if (over <= 0 && blockedMs <= 0) return;

  const growMs = over > 0
    ? Math.min(policy.blockSeconds * 2 ** (over - 1), policy.maxBlockSeconds) * 1000 : 0;
  const untilMs = Math.max(blockedMs, growMs);
  await blockUntil(db, key, new Date(at + untilMs).toISOString());
  throw new RateLimitedError('Too many failed attempts; try again later',
    Math.max(1, Math.ceil(untilMs / 1000)));
}

/** A success forgives the attempts counted so far. */
export function forgiveAttempts(db: Db, key: string): Promise<void> {
  return clearThrottle(db, key);
}
