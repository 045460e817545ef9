/**
 * What live clients are told. Changes write a small event in their own
 * transaction (no message text, only what decides who may hear it); the SSE
 * stream turns each into what one member may see (access.hearsCaseEvent).
 */
import type { Db } from '../storage/database.js';
import { insertLiveEvent } from '../storage/live-events.js';
import type { LiveEventRow } from '../storage/schema-calls.js';
import { findCall } from '../storage/calls.js';
import { hearsCaseEvent, type Viewer } from './access.js';
import {
  loadCall, readAudience, viewCall, withdrawnCall, type LoadedCall, type ViewedCall,
} from './calls.js';
import type { Visibility } from './types.js';

export type CaseChange = 'created' | 'message' | 'status' | 'updated';

interface CasePayload {
  caseNo: number; departmentId: number; change: CaseChange; visibility: Visibility | null;
}

export function recordCaseEvent(trx: Db, accountId: number, e: CasePayload): Promise<number> {
  return insertLiveEvent(trx, accountId, 'case', { ...e });
}

/**
 * A member's rights or credentials changed (department, supervisor, active; a session
 * or token ended, a new password): each of their open streams checks that what it was
 * opened with still stands for the same rights, and ends if not; the browser then
 * reconnects with what the member may hear now, or is signed out.
 */
export function recordStaffEvent(trx: Db, accountId: number, staffId: number): Promise<number> {
  return insertLiveEvent(trx, accountId, 'staff', { staffId });
}

/**
 * `heardBefore`: the call's audience before this event, when the event changed it (a
 * routing field came late). Those it rang for until now hear this one event too, with
 * `ringsForYou` false, so a pop they were shown does not stay open for ever.
 */
export function recordCallEvent(
  trx: Db, accountId: number, callId: string, heardBefore?: string | null,
): Promise<number> {
  return insertLiveEvent(trx, accountId, 'call',
    heardBefore === undefined ? { callId } : { callId, heardBefore });
}

export type LiveMessage =
  | { id: number; event: 'case'; data: { caseNo: number; change: CaseChange } }
  | { id: number; event: 'call'; data: ViewedCall }
  /** Not sent: the stream checks its credentials again (recordStaffEvent). */
  | { id: number; event: 'recheck' };

/**
 * A call reads the same for every member of its account, so it is looked up
 * once per event, not once per connected member: with two hundred people
 * listening, a call's pop costs one caller look-up.
 */
export class CallCache {
  private readonly calls = new Map<number, Promise<LoadedCall | null>>();

  constructor(private readonly size = 256) {}

  get(row: LiveEventRow, load: () => Promise<LoadedCall | null>): Promise<LoadedCall | null> {
    let call = this.calls.get(row.id);
    if (!call) {
      call = load();
      this.calls.set(row.id, call);
      if (this.calls.size > this.size) this.calls.delete(this.calls.keys().next().value!);
    }
    return call;
  }
}

/** The event as this member may hear it, or null when it is not for them. */
export async function liveMessageFor(
  db: Db, viewer: Viewer, row: LiveEventRow, namedCaseNos: ReadonlySet<number>,
  calls: CallCache,
): Promise<LiveMessage | null> {
  // Streams subscribe by account already; this keeps the rule true on its own.
  if (row.account_id !== viewer.accountId) return null;
  const payload = JSON.parse(row.payload) as Record<string, unknown>;
  if (row.kind === 'staff') {
    return payload.staffId === viewer.staffId ? { id: row.id, event: 'recheck' } : null;
  }
  if (row.kind === 'case') {
    const e = payload as unknown as CasePayload;
    if (!hearsCaseEvent(viewer, e, namedCaseNos)) return null;
    return { id: row.id, event: 'case', data: { caseNo: e.caseNo, change: e.change } };
  }
  if (row.kind === 'call') {
    const loaded = await calls.get(row, async () => {
      const call = await findCall(db, row.account_id, String(payload.callId));
      return call ? loadCall(db, row.account_id, call) : null;
    });
    if (!loaded) return null;
    const heardBefore = payload.heardBefore as string | null | undefined;
    const viewed = viewCall(viewer, loaded) ?? (heardBefore === undefined ? null
      : withdrawnCall(viewer, loaded, readAudience(heardBefore)));
    return viewed ? { id: row.id, event: 'call', data: viewed } : null;
  }
  return null;
}
