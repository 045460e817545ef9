/**
 * Sign-in, sessions and API tokens. Secrets are random 32-byte values handed to
 * the client once; only their SHA-256 hashes are stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../storage/database.js';
import {
  deleteApiToken, deleteSession, findViewerByApiToken, findViewerBySession, insertApiToken,
  insertSession,
} from '../storage/sessions.js';
import { findCredentials } from '../storage/staff.js';
import type { Viewer } from './access.js';
import { findAccountForSignIn } from './accounts.js';
import { NotFoundError, UnauthenticatedError } from './errors.js';
import { verifyPassword } from './passwords.js';
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
  const key = `sign-in:${input.account.toLowerCase()}:${input.email.toLowerCase()}`;
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

export function endSession(db: Db, token: string): Promise<void> {
  return deleteSession(db, hashSecret(token));
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
}
