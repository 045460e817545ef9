/**
 * Pairing a customer's address with a case (PRODUCT.md rule 5). The link's
 * token and the typed code are both single-use and expire; guesses at a code
 * are throttled per case and per client address, so neither one busy office
 * nor one attacker spread over many cases gets far.
 */
import { findCaseById, findCaseRow } from '../storage/cases.js';
import type { Db } from '../storage/database.js';
import { insertHistory } from '../storage/history.js';
import {
  findPairingByTokenHash, listPairingsOfCase, listUsablePairings, revokePairing, usePairing,
} from '../storage/pairings.js';
import type { PairingRow } from '../storage/schema-mail.js';
import type { PortalViewer, Viewer } from './access.js';
import { findAccountForSignIn } from './accounts.js';
import { actorOf } from './actors.js';
import { hashSecret } from './auth.js';
import { normalisePairingCode } from './case-mail.js';
import { requireCase } from './cases.js';
import { NotFoundError } from './errors.js';
import { verifyPassword } from './passwords.js';
import { deletePortalSessionsOf } from '../storage/portal.js';
import { forgiveAttempts, takeAttempt, type ThrottlePolicy } from './throttle.js';

export const PAIRING_CASE_POLICY: ThrottlePolicy = {
  freeAttempts: 10, windowSeconds: 15 * 60, blockSeconds: 60, maxBlockSeconds: 60 * 60,
};
export const PAIRING_ADDRESS_POLICY: ThrottlePolicy = {
  freeAttempts: 30, windowSeconds: 15 * 60, blockSeconds: 60, maxBlockSeconds: 60 * 60,
};

const NO_MATCH = 'No case matches that pairing link or code, or it has expired';

export interface PairingView { id: number; email: string; createdAt: string;
  lastSeenAt: string | null; pairedAt: string | null; expiresAt: string }

export async function pairingsOfCase(db: Db, viewer: Viewer, caseNo: number) {
  const row = await requireCase(db, viewer, caseNo);
  const rows = await listPairingsOfCase(db, viewer.accountId, row.id);
  return rows.map(toView);
}

/** Ends an address's access to the case at once; its portal session loses the case. */
export async function revokeCasePairing(db: Db, viewer: Viewer, caseNo: number, id: number) {
  await db.transaction().execute(async (trx) => {
    const row = await requireCase(trx, viewer, caseNo);
    const revoked = await revokePairing(trx, viewer.accountId, row.id, id);
    if (!revoked) throw new NotFoundError('Pairing not found');
    // Staff revoke when an address should not be there: it is signed out everywhere,
    // and signs in again (by a mailed link) only to the cases still paired with it.
    await deletePortalSessionsOf(trx, viewer.accountId, revoked.email_lower);
    await insertHistory(trx, viewer.accountId, row.id, {
      type: 'pairing_revoked', actor: actorOf(viewer), details: { pairingId: id },
    });
  });
}

/** Pairs by the one-click link; the address it was sent to becomes the portal's. */
export async function pairWithToken(db: Db, token: string): Promise<Paired> {
  // A link's token is 256 random bits: guessing it is hopeless, so it is not throttled,
  // and no one can lock customers out of their links by sending bad ones.
  const pairing = await findPairingByTokenHash(db, hashSecret(token));
  const used = pairing && await usePairing(db, pairing.id, new Date().toISOString());
  if (!used) throw new NotFoundError(NO_MATCH);
  await recordPaired(db, used, 'link');
  return pairedAs(db, used);
}

/** Pairs by account, Case # and the code from the mail, as typed. */
export async function pairWithCode(
  db: Db, input: { account: string; caseNo: number; code: string }, clientAddress: string,
): Promise<Paired> {
  const caseKey = `pair-case:${input.account.toLowerCase()}:${input.caseNo}`;
  const addressKey = `pair-address:${clientAddress}`;
  await takeAttempt(db, addressKey, PAIRING_ADDRESS_POLICY);
  await takeAttempt(db, caseKey, PAIRING_CASE_POLICY);

  const account = await findAccountForSignIn(db, input.account);
  const row = account && await findCaseRow(db, account.id, input.caseNo);
  const candidates = row
    ? await listUsablePairings(db, row.account_id, row.id, new Date().toISOString()) : [];
  const code = normalisePairingCode(input.code);
  let match: PairingRow | undefined;
  for (const candidate of candidates) {
    if (await verifyPassword(candidate.code_hash, code)) match = candidate;
  }
  // Without a candidate the same hashing time is spent, so timing tells nothing either.
  if (candidates.length === 0) await verifyPassword(null, code);
  const used = match && await usePairing(db, match.id, new Date().toISOString());
  if (!used) throw new NotFoundError(NO_MATCH);
  await forgiveAttempts(db, caseKey);
  await forgiveAttempts(db, addressKey);
  await recordPaired(db, used, 'code');
  return pairedAs(db, used);
}

/** Who the portal now knows, and the case they paired with, to open it first. */
export interface Paired { viewer: PortalViewer; caseNo: number }

async function pairedAs(db: Db, pairing: PairingRow): Promise<Paired> {
  const row = await findCaseById(db, pairing.account_id, pairing.case_id);
  return { viewer: { accountId: pairing.account_id, email: pairing.email_lower },
    caseNo: row?.case_no ?? 0 };
}

async function recordPaired(db: Db, pairing: PairingRow, how: 'link' | 'code') {
  await insertHistory(db, pairing.account_id, pairing.case_id, {
    type: 'paired', actor: { type: 'customer', id: null, name: pairing.email },
    details: { pairingId: pairing.id, via: how },
  });
}

function toView(p: PairingRow): PairingView {
  return { id: p.id, email: p.email, createdAt: p.created_at, lastSeenAt: p.last_seen_at,
    pairedAt: p.paired_at, expiresAt: p.secret_expires_at };
}

