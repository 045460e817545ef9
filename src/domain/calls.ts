/**
 * Calls reported by the account's PBX over the generic CTI webhook (Zammad's
 * field names, so existing bridges work unchanged). Events may come twice or
 * out of order: each one only moves a call forward (ringing → answered →
 * ended) and fills in what is still unknown, so the final state comes out
 * right whatever the order, and a late or repeated event is never an error.
 */
import type { DialectName, Db } from '../storage/database.js';
import {
  changeCall, findAccountByCtiToken, findCall, isBlockedNumber, listCalls, type CallFields,
} from '../storage/calls.js';
import type { CallRow, CallState } from '../storage/schema-calls.js';
import { now } from '../storage/clock.js';
import type { Viewer } from './access.js';
import { matchCaller, type CallerMatch } from './caller-matches.js';
import { recordCallEvent } from './live-events.js';
import {
  NotFoundError, UnauthenticatedError, UnprocessableError, ValidationError,
} from './errors.js';
import { isWithheld, normalizePhone } from './phone.js';

export const CTI_EVENTS = ['newCall', 'answer', 'hangup'] as const;
export const CALL_CAUSES = ['normalClearing', 'busy', 'cancel', 'noAnswer', 'congestion',
  'notFound', 'forwarded'] as const;
type CtiEventName = (typeof CTI_EVENTS)[number];

export interface Call {
  callId: string;
  direction: 'in' | 'out';
  from: string | null;
  fromE164: string | null;
  to: string | null;
  state: CallState;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  answeredBy: string | null;
  cause: string | null;
  /** Ended without being answered, and not forwarded elsewhere. */
  missed: boolean;
  queue: string | null;
  users: string[];
  matches: CallerMatch[];
}

export type CtiReply = Record<string, never> | { action: 'reject'; reason: 'busy' };

const RANK: Record<CallState, number> = { ringing: 0, answered: 1, ended: 2 };
const MAX_TEXT = 200;

interface CtiEvent {
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
  const callId = text('callId') ?? text('call_id');
  if (!callId) throw ValidationError.field('callId', 'is required');
  return {
    event: event as CtiEventName, callId, direction, from: text('from'), to: text('to'),
    users: readUsers(body.user ?? body['user[]']), queue: text('queue'),
    answeringNumber: text('answeringNumber'), cause: text('cause'),
  };
}

function readUsers(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.filter((u): u is string => typeof u === 'string' && u.trim() !== '')
    .map((u) => u.trim().slice(0, MAX_TEXT)).slice(0, 50);
}

/**
 * Applies one webhook event; answers the webhook's reply and the call's state. The
 * caller look-up is left to those who show the call (live events, GET /calls), so
 * the PBX gets its answer after a few indexed writes.
 */
export async function receiveCtiEvent(
  db: Db, dialect: DialectName, token: string, body: Record<string, unknown>,
): Promise<{ accountId: number; reply: CtiReply; callId: string; state: CallState }> {
  const account = await findAccountByCtiToken(db, token);
  if (!account) throw new UnauthenticatedError('Unknown CTI token');
  const e = readCtiEvent(body);
  const caller = e.from === null || isWithheld(e.from) ? null : e.from;
  const callerE164 = caller === null ? null : normalizePhone(caller, account.default_region).e164;
  const blocked = e.event === 'newCall' && callerE164 !== null
    && await isBlockedNumber(db, account.id, callerE164);

  const at = now();
  const row = await db.transaction().execute(async (trx) => {
    const changed = await changeCall(trx, dialect, account.id, e.callId,
      (current) => nextCall(current, e, { at, caller, callerE164, blocked }));
    await recordCallEvent(trx, account.id, e.callId);
    return changed;
  });
  return { accountId: account.id, reply: blocked ? { action: 'reject', reason: 'busy' } : {},
    callId: row.call_id, state: row.state };
}

function nextCall(
  current: CallRow | undefined, e: CtiEvent,
  o: { at: string; caller: string | null; callerE164: string | null; blocked: boolean },
): CallFields {
  const state: CallState = e.event === 'newCall' ? 'ringing'
    : e.event === 'answer' ? 'answered' : 'ended';
  const base: CallFields = current ?? {
    direction: e.direction ?? 'in', from_raw: o.caller, from_e164: o.callerE164, to_raw: e.to,
    queue: e.queue, users: e.users.length > 0 ? JSON.stringify(e.users) : null,
    state, started_at: o.at, answered_at: null, answered_by: null, ended_at: null, cause: null,
  };
  const next: CallFields = {
    ...base,
    // What an earlier event left unknown, a later one may tell.
    to_raw: base.to_raw ?? e.to,
    queue: base.queue ?? e.queue,
    users: base.users ?? (e.users.length > 0 ? JSON.stringify(e.users) : null),
    state: RANK[state] > RANK[base.state] ? state : base.state,
  };
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

export async function toCall(db: Db, accountId: number, row: CallRow): Promise<Call> {
  return {
    callId: row.call_id,
    direction: row.direction === 'out' ? 'out' : 'in',
    from: row.from_raw,
    fromE164: row.from_e164,
    to: row.to_raw,
    state: row.state,
    startedAt: row.started_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    answeredBy: row.answered_by,
    cause: row.cause,
    missed: row.state === 'ended' && row.answered_at === null && row.cause !== 'forwarded',
    queue: row.queue,
    users: row.users === null ? [] : JSON.parse(row.users) as string[],
    matches: await matchCaller(db, accountId, row.from_e164),
  };
}

export async function callsOf(db: Db, viewer: Viewer, o: { active: boolean; limit: number }) {
  const rows = await listCalls(db, viewer.accountId, { activeOnly: o.active, limit: o.limit });
  return Promise.all(rows.map((row) => toCall(db, viewer.accountId, row)));
}

export async function callOf(db: Db, viewer: Viewer, callId: string): Promise<Call> {
  const row = await findCall(db, viewer.accountId, callId);
  if (!row) throw new NotFoundError('Call not found');
  return toCall(db, viewer.accountId, row);
}
