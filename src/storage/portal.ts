/** Portal sessions and portal sign-in links; only SHA-256 hashes of their secrets are kept. */
import type { Db } from './database.js';
import { now } from './clock.js';

export async function insertPortalSession(db: Db, s: {
  tokenHash: string; accountId: number; emailLower: string; expiresAt: string;
}): Promise<void> {
  await db.insertInto('portal_sessions').values({
    token_hash: s.tokenHash, account_id: s.accountId, email_lower: s.emailLower,
    created_at: now(), expires_at: s.expiresAt,
  }).execute();
}

export function findPortalSession(db: Db, tokenHash: string) {
  return db.selectFrom('portal_sessions').select(['account_id', 'email_lower'])
    .where('token_hash', '=', tokenHash).where('expires_at', '>', now()).executeTakeFirst();
}

export async function deletePortalSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('portal_sessions').where('token_hash', '=', tokenHash).execute();
}

export async function insertPortalLoginLink(db: Db, l: {
  tokenHash: string; accountId: number; emailLower: string; expiresAt: string;
}): Promise<void> {
  await db.insertInto('portal_login_links').values({
    token_hash: l.tokenHash, account_id: l.accountId, email_lower: l.emailLower,
    created_at: now(), expires_at: l.expiresAt, used_at: null,
  }).execute();
}

/** Uses a sign-in link once: undefined when unknown, used or expired. */
export function usePortalLoginLink(db: Db, tokenHash: string) {
  const at = now();
  return db.updateTable('portal_login_links').set({ used_at: at })
    .where('token_hash', '=', tokenHash).where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .returning(['account_id', 'email_lower']).executeTakeFirst();
}

/** Ends every portal session of an address in an account. */
export async function deletePortalSessionsOf(
  db: Db, accountId: number, emailLower: string,
): Promise<void> {
  await db.deleteFrom('portal_sessions')
    .where('account_id', '=', accountId).where('email_lower', '=', emailLower).execute();
}
