/**
 * Calls as the PBX reports them, the account's CTI secret and its blocked
 * numbers. A call's row is created by whichever of its events comes first and
 * then changed under a row lock, so two events of one call arriving together
 * are applied one after the other.
 */
import type { DialectName, Db } from './database.js';
import type { CallRow, CallTable } from './schema-calls.js';
import { now } from './clock.js';
import { preparedQuery } from './prepared.js';

// Both run on every webhook event: built once (see prepared.ts).
const accountByCtiToken = preparedQuery((db, p: { token: string }) =>
  db.selectFrom('accounts').select(['id', 'default_region']).where('cti_token', '=', p.token));
const blockedNumber = preparedQuery((db, p: { accountId: number; e164: string }) =>
  db.selectFrom('blocked_numbers').select('id')
    .where('account_id', '=', p.accountId).where('e164', '=', p.e164));

export async function findAccountByCtiToken(db: Db, token: string) {
  const [row] = await accountByCtiToken(db, { token });
  return row;
}

export async function ctiTokenOf(db: Db, accountId: number): Promise<string | null> {
  const row = await db.selectFrom('accounts').select('cti_token')
    .where('id', '=', accountId).executeTakeFirst();
  return row?.cti_token ?? null;
}

/** Sets the token unless `onlyIfUnset` and one is set; answers the token in force. */
export async function setCtiToken(
  db: Db, accountId: number, token: string, onlyIfUnset: boolean,
): Promise<string> {
  await db.updateTable('accounts').set({ cti_token: token }).where('id', '=', accountId)
    .$if(onlyIfUnset, (q) => q.where('cti_token', 'is', null)).execute();
  return (await ctiTokenOf(db, accountId)) ?? token;
}

export type CallFields = Omit<CallTable, 'id' | 'account_id' | 'call_id' | 'updated_at'>;

/**
 * Runs `change` on the call's current row (undefined when this is its first
 * event) inside `trx`, and stores what it answers.
 */
export async function changeCall(
  trx: Db, dialect: DialectName, accountId: number, callId: string,
  change: (current: CallRow | undefined) => CallFields,
): Promise<CallRow> {
  const select = () => trx.selectFrom('calls').selectAll()
    .where('account_id', '=', accountId).where('call_id', '=', callId)
    .$if(dialect === 'postgres', (q) => q.forUpdate());
  const at = now();
  const current = await select().executeTakeFirst();
  if (current) {
    await trx.updateTable('calls').set({ ...change(current), updated_at: at })
      .where('id', '=', current.id).execute();
  } else {
    const inserted = await trx.insertInto('calls')
      .values({ ...change(undefined), account_id: accountId, call_id: callId, updated_at: at })
      .onConflict((oc) => oc.columns(['account_id', 'call_id']).doNothing())
      .returning('id').executeTakeFirst();
    // Another event of the call made the row first: apply this one on top of it.
    if (!inserted) {
      const raced = (await select().executeTakeFirstOrThrow());
      await trx.updateTable('calls').set({ ...change(raced), updated_at: at })
        .where('id', '=', raced.id).execute();
    }
  }
  return select().executeTakeFirstOrThrow();
}

export function findCall(db: Db, accountId: number, callId: string) {
  return db.selectFrom('calls').selectAll()
    .where('account_id', '=', accountId).where('call_id', '=', callId).executeTakeFirst();
}

/**
 * The account's calls, newest first. With `audience`, only the calls that rang for
 * everyone, for that member's department or for that member (see calls.writeAudience).
 */
export function listCalls(
  db: Db, accountId: number,
  o: { activeOnly: boolean; limit: number;
    audience: { departmentId: number; staffId: number } | null;
    /** The page before ended with this call. */
    after?: { startedAt: string; id: number } | undefined },
) {
  const heard = o.audience;
  const after = o.after;
  return db.selectFrom('calls').selectAll().where('account_id', '=', accountId)
    .$if(o.activeOnly, (q) => q.where('state', '!=', 'ended'))
    .$if(heard !== null, (q) => q.where((w) => w.or([
      w('audience', 'is', null),
      w('audience', 'like', `%,d:${heard!.departmentId},%`),
      w('audience', 'like', `%,s:${heard!.staffId},%`),
    ])))
    .$if(after !== undefined, (q) => q.where((w) => w.or([
      w('started_at', '<', after!.startedAt),
      w.and([w('started_at', '=', after!.startedAt), w('id', '<', after!.id)]),
    ])))
    .orderBy('started_at', 'desc').orderBy('id', 'desc').limit(o.limit).execute();
}

export async function isBlockedNumber(db: Db, accountId: number, e164: string) {
  return (await blockedNumber(db, { accountId, e164 })).length > 0;
}

export function listBlockedNumbers(db: Db, accountId: number) {
  return db.selectFrom('blocked_numbers').selectAll().where('account_id', '=', accountId)
    .orderBy('id').execute();
}

export function insertBlockedNumber(
  db: Db, accountId: number, b: { e164: string; raw: string; note: string | null },
) {
  return db.insertInto('blocked_numbers').values({
    account_id: accountId, e164: b.e164, raw: b.raw, note: b.note, created_at: now(),
  }).returningAll().executeTakeFirstOrThrow();
}

export async function deleteBlockedNumber(db: Db, accountId: number, id: number) {
  const result = await db.deleteFrom('blocked_numbers')
    .where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Calls not ended whose last event is older than their state's limit, oldest first. */
export function listSilentCalls(
  db: Db, o: { ringingBefore: string; answeredBefore: string; limit: number },
) {
  // `state <> 'ended'` and `updated_at` are the partial index calls_unfinished.
  return db.selectFrom('calls').select(['id', 'account_id', 'call_id', 'state', 'updated_at'])
    .where('state', '<>', 'ended').where('updated_at', '<', o.ringingBefore)
    .where((w) => w.or([w('state', '=', 'ringing'), w('updated_at', '<', o.answeredBefore)]))
    .orderBy('updated_at').limit(o.limit).execute();
}

/**
 * Ends a call as of its last event, unless an event came since it was read;
 * answers whether it did.
 */
export async function endSilentCall(
  trx: Db, call: { id: number; updated_at: string },
): Promise<boolean> {
  const result = await trx.updateTable('calls')
    .set({ state: 'ended', ended_at: call.updated_at, updated_at: now() })
    .where('id', '=', call.id).where('state', '<>', 'ended')
    .where('updated_at', '=', call.updated_at).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
