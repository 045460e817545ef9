/**
 * Sign-in, sessions and API tokens. Secrets are random 32-byte values handed to
 * the client once; only their SHA-256 hashes are stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../storage/database.js';
import {
  deleteApiToken, deleteApiTokensOfStaff, deleteSession, deleteSessionsOfStaff,
  findViewerByApiToken, findViewerBySession, insertApiToken, insertSession,
} from '../storage/sessions.js';
import { findCredentials, findPasswordHash, replacePasswordHash } from '../storage/staff.js';
import type { Viewer } from './access.js';
import { findAccountForSignIn } from './accounts.js';
import { NotFoundError, UnauthenticatedError, ValidationError } from './errors.js';
import { recordStaffEvent } from './live-events.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { SIGN_IN_POLICY, forgiveAttempts, takeAttempt } from './throttle.js';

const TOKEN_PREFIX = 'cl_';

export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export interface SignInInput {
  account: string;
  email: string;
  password: string;
}

/** Checks the password; one message for every failure so nothing is revealed. */
export async function signIn(db: Db, input: SignInInput): Promise<{ staffId: number;
  accountId: number }> {
  const key = signInThrottleKey(input.account, input.email);
  await takeAttempt(db, key, SIGN_IN_POLICY);

  const account = await findAccountForSignIn(db, input.account);
  const credentials = account && (await findCredentials(db, account.id, input.email));
  const ok = await verifyPassword(credentials?.password_hash ?? null, input.password);
  if (!account || !credentials || !ok || credentials.active !== 1) {
    throw new UnauthenticatedError('Account, e-mail or password is wrong');
  }
  await forgiveAttempts(db, key);
  return { staffId: credentials.id, accountId: account.id };
}

/**
 * What sign-in guesses are counted against. Slugs and staff e-mails are stored
 * lower-cased, so an admin's reset names the same key the guesses filled.
 */
export function signInThrottleKey(accountSlug: string, email: string): string {
  return `sign-in:${accountSlug.toLowerCase()}:${email.toLowerCase()}`;
}

/** Guesses at a member's current password, made with their session or token. */
export function passwordChangeThrottleKey(accountId: number, staffId: number): string {
  return `password-change:${accountId}:${staffId}`;
}

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

/**
 * A member sets a new password, proving the current one. Guesses are throttled
 * like sign-in, since a stolen session must not become a way to test passwords.
 * The other sessions and every API token end, so whoever held them is out; the
 * session that made the change stays. A change made with an API token spares
 * nothing: that token is one of the member's tokens, and it is revoked too.
 */
export async function changeOwnPassword(
  db: Db, viewer: Viewer, input: PasswordChange, sessionToken: string | undefined,
): Promise<void> {
  // Checked first and without a counted attempt: it needs no secret to be known.
  if (input.newPassword === input.currentPassword) {
    throw new ValidationError('The new password must differ from the current one',
      { newPassword: 'must differ from the current password' });
  }
  const key = passwordChangeThrottleKey(viewer.accountId, viewer.staffId);
  await takeAttempt(db, key, SIGN_IN_POLICY);
  const stored = await findPasswordHash(db, viewer.accountId, viewer.staffId);
  if (stored === null || !(await verifyPassword(stored, input.currentPassword))) {
    throw wrongCurrentPassword();
  }
  // Hashing is slow; done before the transaction so no lock waits on it.
  const newHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    if (!(await replacePasswordHash(trx, viewer.accountId, viewer.staffId, stored, newHash))) {
      throw wrongCurrentPassword();
    }
    await endCredentials(trx, viewer.accountId, viewer.staffId, sessionToken);
    await recordStaffEvent(trx, viewer.accountId, viewer.staffId);
    await forgiveAttempts(trx, key);
  });
}

function wrongCurrentPassword(): ValidationError {
  // 400, not 401: the member is signed in, and the web app takes 401 as signed out.
  return new ValidationError('The current password is not right',
    { currentPassword: 'is not your current password' });
}

/**
 * After a new password: every API token and every session of the member end,
 * except `keepSessionToken`, the session of whoever set it when that is the member.
 */
export async function endCredentials(
  db: Db, accountId: number, staffId: number, keepSessionToken: string | undefined,
): Promise<void> {
  const keep = keepSessionToken === undefined ? undefined : hashSecret(keepSessionToken);
  await deleteSessionsOfStaff(db, accountId, staffId, keep);
  await deleteApiTokensOfStaff(db, accountId, staffId);
}

export async function startSession(
  db: Db, who: { accountId: number; staffId: number }, days: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret();
  const expiresAt = new Date(Date.now() + days * 86_400_000);
  await insertSession(db, {
    tokenHash: hashSecret(token), accountId: who.accountId, staffId: who.staffId,
    expiresAt: expiresAt.toISOString(),
  });
  return { token, expiresAt };
}

export function viewerForSession(db: Db, token: string): Promise<Viewer | undefined> {
  return findViewerBySession(db, hashSecret(token));
}

/** Signs a session out; the member's open live streams check theirs at once. */
export async function endSession(db: Db, token: string): Promise<void> {
  const ended = await deleteSession(db, hashSecret(token));
  if (ended) await recordStaffEvent(db, ended.account_id, ended.staff_id);
}

export async function createApiToken(db: Db, viewer: Viewer, name: string) {
  const token = TOKEN_PREFIX + newSecret();
  const id = await insertApiToken(db, {
    accountId: viewer.accountId, staffId: viewer.staffId, name, tokenHash: hashSecret(token),
  });
  return { id, name, token };
}

export function viewerForApiToken(db: Db, token: string): Promise<Viewer | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return Promise.resolve(undefined);
  return findViewerByApiToken(db, hashSecret(token));
}

export async function revokeApiToken(db: Db, viewer: Viewer, id: number): Promise<void> {
  const deleted = await deleteApiToken(db, viewer.accountId, viewer.staffId, id);
  if (!deleted) throw new NotFoundError('Token not found');
  await recordStaffEvent(db, viewer.accountId, viewer.staffId);
}
