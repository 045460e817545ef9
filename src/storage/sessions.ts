/**
 * Sessions and API tokens. Only SHA-256 hashes of the secrets are stored, so a
 * leaked database does not hand out working credentials.
 */
import { sql } from 'kysely';
import type { Db } from './database.js';
import { preparedQuery } from './prepared.js';
import type { Viewer } from '../domain/access.js';
import { now } from './clock.js';

/** The viewer behind a live session or token of an active staff member. */
function viewerQuery(db: Db) {
  return db.selectFrom('staff')
    .select([
      'staff.account_id as accountId', 'staff.id as staffId', 'staff.name',
      'staff.department_id as departmentId', 'staff.admin', 'staff.supervisor',
    ])
    .where('staff.active', '=', sql.lit(1));
}

type ViewerRow = {
  accountId: number; staffId: number; name: string; departmentId: number;
  admin: number; supervisor: number;
};

function toViewer(row: ViewerRow): Viewer {
  return { ...row, admin: row.admin === 1, supervisor: row.supervisor === 1 };
}

export async function insertSession(
  db: Db, s: { tokenHash: string; accountId: number; staffId: number; expiresAt: string },
): Promise<void> {
  await db.insertInto('sessions').values({
    token_hash: s.tokenHash, account_id: s.accountId, staff_id: s.staffId,
    created_at: now(), expires_at: s.expiresAt,
  }).execute();
}

// Runs on every signed-in request, so it is built once (see prepared.ts).
const viewerBySession = preparedQuery((db, p: { tokenHash: string; at: string }) =>
  viewerQuery(db)
    .innerJoin('sessions', (j) => j.onRef('sessions.staff_id', '=', 'staff.id')
      .onRef('sessions.account_id', '=', 'staff.account_id'))
    .where('sessions.token_hash', '=', p.tokenHash)
    .where('sessions.expires_at', '>', p.at));

export async function findViewerBySession(db: Db, tokenHash: string) {
  const [row] = await viewerBySession(db, { tokenHash, at: now() });
  return row && toViewer(row);
}

/** Ends one session; answers whose it was, if it was one. */
export async function deleteSession(db: Db, tokenHash: string) {
  return db.deleteFrom('sessions').where('token_hash', '=', tokenHash)
    .returning(['account_id', 'staff_id']).executeTakeFirst();
}

/**
 * Ends a member's sessions. `exceptTokenHash` spares the one session that asked
 * (a member changing their own password stays signed in where they did it).
 */
export async function deleteSessionsOfStaff(
  db: Db, accountId: number, staffId: number, exceptTokenHash?: string,
): Promise<void> {
  let query = db.deleteFrom('sessions')
    .where('account_id', '=', accountId).where('staff_id', '=', staffId);
  if (exceptTokenHash !== undefined) query = query.where('token_hash', '<>', exceptTokenHash);
  await query.execute();
}

export async function deleteApiTokensOfStaff(
  db: Db, accountId: number, staffId: number,
): Promise<void> {
  await db.deleteFrom('api_tokens')
    .where('account_id', '=', accountId).where('staff_id', '=', staffId).execute();
}

export async function insertApiToken(
  db: Db, t: { accountId: number; staffId: number; name: string; tokenHash: string },
): Promise<number> {
  const row = await db.insertInto('api_tokens').values({
    account_id: t.accountId, staff_id: t.staffId, name: t.name,
    token_hash: t.tokenHash, created_at: now(), last_used_at: null,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

const viewerByApiToken = preparedQuery((db, p: { tokenHash: string }) =>
  viewerQuery(db)
    .innerJoin('api_tokens', (j) => j.onRef('api_tokens.staff_id', '=', 'staff.id')
      .onRef('api_tokens.account_id', '=', 'staff.account_id'))
    .where('api_tokens.token_hash', '=', p.tokenHash));

export async function findViewerByApiToken(db: Db, tokenHash: string) {
  const [row] = await viewerByApiToken(db, { tokenHash });
  return row && toViewer(row);
}

/** Tokens are personal: a member deletes only their own. */
export async function deleteApiToken(
  db: Db, accountId: number, staffId: number, id: number,
): Promise<boolean> {
  const result = await db.deleteFrom('api_tokens')
    .where('account_id', '=', accountId).where('staff_id', '=', staffId)
    .where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
