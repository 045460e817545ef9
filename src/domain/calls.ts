/**
 * Calls as staff see them: the PBX's fields, the state the webhook events left
 * (domain/cti-events.ts), and who the caller may be — every customer with that
 * number, with their open cases. Who sees which call is access.ts's rule.
 */
import type { Db } from '../storage/database.js';
import { findCall, listCalls } from '../storage/calls.js';
import type { CallRow, CallState } from '../storage/schema-calls.js';
import {
  hearsCallEvent, seesCall, seesEveryCall, type CallAudience, type Viewer,
} from './access.js';
import { matchCaller, type CallerMatch } from './caller-matches.js';
import { decodeCursor, encodeCursor } from './cursors.js';
import { NotFoundError } from './errors.js';

/** A call as every member of its account reads it. */
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
  /** The customers with the other party's number, and their open cases. */
  matches: CallerMatch[];
}

/** A call as one member reads it: whether it rings for them decides whether it pops. */
export interface ViewedCall extends Call {
  ringsForYou: boolean;
}

/** A call with the audience its routes gave it, read once and shown to many. */
export interface LoadedCall {
  call: Call;
  audience: CallAudience | null;
}

/**
 * Stored as ",d:3,s:7," so that storage can filter a member's calls with LIKE
 * (storage/calls.ts) and no JSON function differs between the two databases.
 */
export function writeAudience(audience: CallAudience | null): string | null {
  if (audience === null) return null;
  const parts = [...audience.departments.map((id) => `d:${id}`),
    ...audience.staff.map((id) => `s:${id}`)];
  return `,${parts.join(',')},`;
}

export function readAudience(stored: string | null): CallAudience | null {
  if (stored === null) return null;
  const departments: number[] = [];
  const staff: number[] = [];
  for (const part of stored.split(',')) {
    const id = Number(part.slice(2));
    if (part.startsWith('d:')) departments.push(id);
    else if (part.startsWith('s:')) staff.push(id);
  }
  return { departments, staff };
}

/** The call with its matches: every customer with the customer side's number. */
export async function loadCall(db: Db, accountId: number, row: CallRow): Promise<LoadedCall> {
  const direction = row.direction === 'out' ? 'out' : 'in';
  return {
    audience: readAudience(row.audience),
    call: {
      callId: row.call_id,
      direction,
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
      matches: await matchCaller(db, accountId, row.party_e164),
    },
  };
}

/** The call as this member may read it, or null when it is not theirs to see. */
export function viewCall(viewer: Viewer, loaded: LoadedCall): ViewedCall | null {
  if (!seesCall(viewer, loaded.audience)) return null;
  return { ...loaded.call, ringsForYou: hearsCallEvent(viewer, loaded.audience) };
}

/**
 * For a member the call rang for until its routing fields arrived and who may not see
 * it now: the call once more, no longer ringing for them, so their pop closes; without
 * its matches, since nothing of the call is theirs to read any more.
 */
export function withdrawnCall(
  viewer: Viewer, loaded: LoadedCall, heardBefore: CallAudience | null,
): ViewedCall | null {
  if (!hearsCallEvent(viewer, heardBefore)) return null;
  return { ...loaded.call, matches: [], ringsForYou: false };
}

export async function callsOf(
  db: Db, viewer: Viewer, o: { active: boolean; limit: number; cursor?: string | undefined },
): Promise<{ items: ViewedCall[]; nextCursor: string | null }> {
  const audience = seesEveryCall(viewer) ? null
    : { departmentId: viewer.departmentId, staffId: viewer.staffId };
  const key = decodeCursor(o.cursor);
  const rows = await listCalls(db, viewer.accountId, { activeOnly: o.active,
    limit: o.limit + 1, audience, after: key && { startedAt: key.at, id: key.n } });
  const page = rows.slice(0, o.limit);
  const last = page.at(-1);
  const loaded = await Promise.all(page.map((row) => loadCall(db, viewer.accountId, row)));
  return {
    items: loaded.map((l) => viewCall(viewer, l)).filter((c): c is ViewedCall => c !== null),
    nextCursor: rows.length > o.limit && last
      ? encodeCursor({ at: last.started_at, n: last.id }) : null,
  };
}

export async function callOf(db: Db, viewer: Viewer, callId: string): Promise<ViewedCall> {
  const row = await findCall(db, viewer.accountId, callId);
  // Decided on the stored audience, before the caller is looked up for nothing.
  if (!row || !seesCall(viewer, readAudience(row.audience))) {
    throw new NotFoundError('Call not found');
  }
  return viewCall(viewer, await loadCall(db, viewer.accountId, row))!;
}
