/**
 * Calls reported by the account's PBX over the generic CTI webhook (Zammad's
 * field names, so existing bridges work unchanged). Events may come twice or
 * out of order: each one only moves a call forward (ringing → answered →
 * ended) and fills in what is still unknown, so the final state comes out
 * right whatever the order, and a late or repeated event is never an error.
 */
import type { DialectName, Db } from '../storage/database.js';
import {
  changeCall, findAccountByCtiToken, isBlockedNumber, type CallFields,
} from '../storage/calls.js';
import { withoutLockWaits } from '../storage/locks.js';
import { routeKeysOf, type RouteKey } from '../storage/call-routes.js';
import type { CallRow, CallState } from '../storage/schema-calls.js';
import { now } from '../storage/clock.js';
import { audienceOf } from './call-routing.js';
import { writeAudience } from './calls.js';
import { recordCallEvent } from './live-events.js';
import { UnauthenticatedError, UnprocessableError, ValidationError } from './errors.js';
import { isWithheld, normalizePhone } from './phone.js';

export const CTI_EVENTS = ['newCall', 'answer', 'hangup'] as const;
export const CALL_CAUSES = ['normalClearing', 'busy', 'cancel', 'noAnswer', 'congestion',
  'notFound', 'forwarded'] as const;
type CtiEventName = (typeof CTI_EVENTS)[number];

export type CtiReply = Record<string, never> | { action: 'reject'; reason: 'busy' };

const RANK: Record<CallState, number> = { ringing: 0, answered: 1, ended: 2 };
const MAX_TEXT = 200;
/** More than any ring group a PBX reports. */
const MAX_USERS = 50;

export interface CtiEvent {
  event: CtiEventName; callId: string; direction: 'in' | 'out' | null; from: string | null;
  to: string | null; users: string[]; queue: string | null; answeringNumber: string | null;
  cause: string | null;
}

/** Reads a webhook body (JSON or form fields), naming the first bad field. */
export function readCtiEvent(body: Record<string, unknown>): CtiEvent {
  const text = (name: string): string | null => {
    const value = body[name];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw ValidationError.field(name, 'must be text');
    }
    const s = String(value).trim();
    if (s.length > MAX_TEXT) throw ValidationError.field(name, `is longer than ${MAX_TEXT}`);
    if (s.includes('\u0000')) throw ValidationError.field(name, 'contains a NUL character');
    return s;
  };
  const event = text('event');
  if (event === null) throw ValidationError.field('event', 'is required');
  if (!(CTI_EVENTS as readonly string[]).includes(event)) {
    throw UnprocessableError.field('event', `"${event}" is not one of ${CTI_EVENTS.join(', ')}`);
  }
  const direction = text('direction');
  if (direction !== null && direction !== 'in' && direction !== 'out') {
    throw UnprocessableError.field('direction', `"${direction}" is not "in" or "out"`);
  }
  // An empty callId is no callId: `callId=&call_id=x` names the call x.
  const callId = text('callId') || text('call_id');
  if (!callId) throw ValidationError.field('callId', 'is required');
  return {
    event: event as CtiEventName, callId, direction, from: text('from'), to: text('to'),
    users: readUsers(body.user ?? body['user[]']), queue: text('queue'),
    answeringNumber: text('answeringNumber'), cause: text('cause'),
  };
}

/** `user`: a name or a list of names, each checked like any other field. */
function readUsers(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  if (list.length > MAX_USERS) throw ValidationError.field('user', `names more than ${MAX_USERS}`);
  return list.map((u) => {
    if (typeof u !== 'string') {
      throw ValidationError.field('user', 'must be a name or a list of names');
    }
    if (u.length > MAX_TEXT) {
      throw ValidationError.field('user', `has a name longer than ${MAX_TEXT}`);
    }
    if (u.includes('\u0000')) throw ValidationError.field('user', 'contains a NUL character');
    return u.trim();
  }).filter((u) => u !== '');
}

/** A webhook event read and checked, with all it needs to be written. */
export interface AcceptedCtiEvent {
  accountId: number;
  region: string;
  event: CtiEvent;
  caller: string | null;
  callerE164: string | null;
  blocked: boolean;
  /** When the webhook received it: the call's times are the PBX's, not the write's. */
  at: string;
  reply: CtiReply;
}

/**
 * Everything the PBX's answer depends on, read without writing: the token, the
 * fields, and whether the caller is blocked. Writing is `applyCtiEvent`.
 */
export async function acceptCtiEvent(
  db: Db, token: string, body: Record<string, unknown>,
): Promise<AcceptedCtiEvent> {
  const account = await findAccountByCtiToken(db, token);
  if (!account) throw new UnauthenticatedError('Unknown CTI token');
  const event = readCtiEvent(body);
  const caller = event.from === null || isWithheld(event.from) ? null : event.from;
  const callerE164 = caller === null ? null
    : normalizePhone(caller, account.default_region).e164;
  // Only a caller can be turned away; an outgoing call's `from` is our own side.
  const blocked = event.event === 'newCall' && event.direction !== 'out' && callerE164 !== null
    && await isBlockedNumber(db, account.id, callerE164);
  return { accountId: account.id, region: account.default_region, event, caller, callerE164,
    blocked, at: now(), reply: blocked ? { action: 'reject', reason: 'busy' } : {} };
}

/**
 * Writes one accepted event: the call's row and the live event, in one transaction.
 * Fails with a busy error (storage/errors.isBusyError) when another writer holds the
 * database; telephony/call-writer.ts tries again.
 */
export async function applyCtiEvent(
  db: Db, dialect: DialectName, accepted: AcceptedCtiEvent,
): Promise<CallRow> {
  const routes = await routeKeysOf(db, accepted.accountId);
  // Never waits for a lock: a busy database fails the write fast, to be tried again.
  return db.transaction().execute((trx) => withoutLockWaits(trx, dialect, async () => {
    let heardBefore: string | null | undefined;
    const changed = await changeCall(trx, dialect, accepted.accountId, accepted.event.callId,
      (current) => {
        heardBefore = current?.audience;
        return nextCall(current, accepted, routes);
      });
    await recordCallEvent(trx, accepted.accountId, accepted.event.callId,
      heardBefore !== undefined && heardBefore !== changed.audience ? heardBefore : undefined);
    return changed;
  }));
}

function nextCall(
  current: CallRow | undefined, o: AcceptedCtiEvent, routes: readonly RouteKey[],
): CallFields {
  const e = o.event;
  const state: CallState = e.event === 'newCall' ? 'ringing'
    : e.event === 'answer' ? 'answered' : 'ended';
  const users = e.users.length > 0 ? JSON.stringify(e.users) : null;
  const base: CallFields = current ?? {
    direction: e.direction ?? 'in', from_raw: o.caller, from_e164: o.callerE164, to_raw: e.to,
    queue: e.queue, users, state, started_at: o.at, answered_at: null, answered_by: null,
    ended_at: null, cause: null, audience: null, party_e164: null,
  };
  const next: CallFields = {
    ...base,
    // What an earlier event left unknown, a later one may tell: an `answer` that came
    // before its `newCall` knew neither the caller nor, perhaps, the direction.
    from_raw: base.from_raw ?? o.caller,
    from_e164: base.from_raw === null ? o.callerE164 : base.from_e164,
    // The `newCall` says which way the call goes; other events' default of "in" yields.
    direction: e.event === 'newCall' && e.direction !== null ? e.direction : base.direction,
    to_raw: base.to_raw ?? e.to,
    queue: base.queue ?? e.queue,
    users: base.users ?? users,
    state: RANK[state] > RANK[base.state] ? state : base.state,
  };
  next.party_e164 = customerNumber(next, o.region);
  next.audience = writeAudience(audienceOf(routes, { to: next.to_raw, queue: next.queue,
    users: next.users === null ? [] : JSON.parse(next.users) as string[] }, o.region));
  if (e.event === 'answer') {
    // A late answer of a call already ended still happened before the end.
    next.answered_at = base.answered_at
      ?? (base.ended_at !== null && base.ended_at < o.at ? base.ended_at : o.at);
    next.answered_by = base.answered_by ?? e.answeringNumber ?? e.users[0] ?? null;
  }
  if (e.event === 'hangup') {
    next.ended_at = base.ended_at ?? o.at;
    next.cause = base.cause ?? e.cause;
    if (e.answeringNumber && !next.answered_by && next.answered_at) {
      next.answered_by = e.answeringNumber;
    }
  }
  if (o.blocked) {
    next.state = 'ended';
    next.ended_at = base.ended_at ?? o.at;
    next.cause = base.cause ?? 'busy';
  }
  return next;
}

/**
 * The customer's side of the call: the caller of an incoming call, the number dialled
 * of an outgoing one (whose `from` is the member's own extension). Worked out from the
 * merged fields, since the direction and the numbers may come in any event.
 */
function customerNumber(call: CallFields, region: string): string | null {
  if (call.direction !== 'out') return call.from_e164;
  if (call.to_raw === null || isWithheld(call.to_raw)) return null;
  return normalizePhone(call.to_raw, region).e164;
}
