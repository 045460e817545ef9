/**
 * Pairings: a pairing instruction's hashed secrets, and once used, an address's
 * right to read a case's public side. Using a secret is one conditional update,
 * so two clicks on one link cannot both pair.
 */
import type { Db } from './database.js';
import type { PairingRow } from './schema-mail.js';
import type { Visibility } from '../domain/types.js';
import { now } from './clock.js';

export async function insertPairing(db: Db, accountId: number, p: {
  caseId: number; email: string; tokenHash: string; codeHash: string; expiresAt: string;
  staffId: number | null;
}): Promise<PairingRow> {
  return db.insertInto('pairings').values({
    account_id: accountId, case_id: p.caseId, email: p.email,
    email_lower: p.email.toLowerCase(), token_hash: p.tokenHash, code_hash: p.codeHash,
    secret_expires_at: p.expiresAt, created_by_staff_id: p.staffId, created_at: now(),
  }).returningAll().executeTakeFirstOrThrow();
}

/** A case's pairings that are not revoked, newest first. */
export function listPairingsOfCase(db: Db, accountId: number, caseId: number) {
  return db.selectFrom('pairings').selectAll()
    .where('account_id', '=', accountId).where('case_id', '=', caseId)
    .where('revoked_at', 'is', null).orderBy('id', 'desc').execute();
}

export async function revokePairing(
  db: Db, accountId: number, caseId: number, id: number,
): Promise<PairingRow | undefined> {
  return db.updateTable('pairings').set({ revoked_at: now() })
    .where('account_id', '=', accountId).where('case_id', '=', caseId).where('id', '=', id)
    .where('revoked_at', 'is', null).returningAll().executeTakeFirst();
}

export function findPairingByTokenHash(db: Db, tokenHash: string) {
  return db.selectFrom('pairings').selectAll().where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Pairings of a case whose code may still be used. */
export function listUsablePairings(db: Db, accountId: number, caseId: number, at: string) {
  return db.selectFrom('pairings').selectAll()
    .where('account_id', '=', accountId).where('case_id', '=', caseId)
    .where('paired_at', 'is', null).where('revoked_at', 'is', null)
    .where('secret_expires_at', '>', at).execute();
}

/** Uses a pairing's secret; undefined when it was used, revoked or expired meanwhile. */
export async function usePairing(db: Db, id: number, at: string) {
  return db.updateTable('pairings').set({ paired_at: at, last_seen_at: at })
    .where('id', '=', id).where('paired_at', 'is', null).where('revoked_at', 'is', null)
    .where('secret_expires_at', '>', at).returningAll().executeTakeFirst();
}

/** The cases an address of an account has paired with and not been revoked from. */
export function listPairedCaseIds(db: Db, accountId: number, emailLower: string) {
  return db.selectFrom('pairings').select('case_id').distinct()
    .where('account_id', '=', accountId).where('email_lower', '=', emailLower)
    .where('paired_at', 'is not', null).where('revoked_at', 'is', null).execute();
}

export async function isPaired(
  db: Db, accountId: number, emailLower: string, caseId: number,
): Promise<boolean> {
  const row = await db.selectFrom('pairings').select('id')
    .where('account_id', '=', accountId).where('email_lower', '=', emailLower)
    .where('case_id', '=', caseId).where('paired_at', 'is not', null)
    .where('revoked_at', 'is', null).executeTakeFirst();
  return row !== undefined;
}

/**
 * Notes that the address looked at the case. Staff see it to the minute at best, so a
 * reading within five minutes of the last one writes nothing.
 */
export async function touchPairings(
  db: Db, accountId: number, emailLower: string, caseId: number,
): Promise<void> {
  const at = now();
  const fresh = new Date(Date.parse(at) - 5 * 60_000).toISOString();
  await db.updateTable('pairings').set({ last_seen_at: at })
    .where('account_id', '=', accountId).where('email_lower', '=', emailLower)
    .where('case_id', '=', caseId).where('paired_at', 'is not', null)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('last_seen_at', 'is', null), eb('last_seen_at', '<', fresh)]))
    .execute();
}

/** Revokes a case's pairings with addresses outside `keep` (lower-cased); answers their ids. */
export async function revokePairingsExcept(
  db: Db, accountId: number, caseId: number, keep: string[],
): Promise<number[]> {
  const rows = await db.updateTable('pairings').set({ revoked_at: now() })
    .where('account_id', '=', accountId).where('case_id', '=', caseId)
    .where('revoked_at', 'is', null)
    .$if(keep.length > 0, (q) => q.where('email_lower', 'not in', keep))
    .returning('id').execute();
  return rows.map((r) => r.id);
}

/**
 * The cases paired with an address, each with its last message at the given levels:
 * the portal's case list in one query, however many cases the customer has.
 */
export function listPairedCases(
  db: Db, accountId: number, emailLower: string, visibilities: readonly Visibility[],
) {
  return db.selectFrom('cases')
    .select(['cases.id', 'cases.account_id', 'cases.case_no', 'cases.subject', 'cases.status',
      'cases.created_at', 'cases.closed_at'])
    .select((eb) => eb.selectFrom('messages').select((m) => m.fn.max('messages.created_at')
      .as('at'))
      .where('messages.account_id', '=', accountId)
      .whereRef('messages.case_id', '=', 'cases.id')
      .where('messages.visibility', 'in', visibilities).as('last_message_at'))
    .where('cases.account_id', '=', accountId)
    .where('cases.id', 'in', (eb) => eb.selectFrom('pairings').select('pairings.case_id')
      .where('pairings.account_id', '=', accountId)
      .where('pairings.email_lower', '=', emailLower)
      .where('pairings.paired_at', 'is not', null).where('pairings.revoked_at', 'is', null))
    .execute();
}
