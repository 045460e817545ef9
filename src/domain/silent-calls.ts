/**
 * Calls whose PBX never told us they ended (a lost hang-up, a PBX restarted
 * mid-call) would ring on every phone panel for ever. A call is taken as ended,
 * as of the last event heard, once it has been silent for longer than any call
 * in that state lasts: a ringing call for 10 minutes (PBXs give up ringing after
 * a minute or two), an answered one for 12 hours. A late hang-up still sets its
 * cause (cti-events.ts keeps the earliest end).
 */
import type { Db } from '../storage/database.js';
import { endSilentCall, listSilentCalls } from '../storage/calls.js';
import { recordCallEvent } from './live-events.js';

export const SILENT_RINGING_MS = 10 * 60_000;
export const SILENT_ANSWERED_MS = 12 * 3_600_000;
const BATCH = 100;

/** Ends silent calls (up to a batch); answers those ended, for the log. */
export async function endSilentCalls(
  db: Db, at: Date = new Date(),
): Promise<Array<{ accountId: number; callId: string }>> {
  const before = (ms: number) => new Date(at.getTime() - ms).toISOString();
  const silent = await listSilentCalls(db, { ringingBefore: before(SILENT_RINGING_MS),
    answeredBefore: before(SILENT_ANSWERED_MS), limit: BATCH });
  const ended: Array<{ accountId: number; callId: string }> = [];
  for (const call of silent) {
    // One by one: another process may sweep, or the PBX speak up, at the same time.
    const done = await db.transaction().execute(async (trx) => {
      if (!(await endSilentCall(trx, call))) return false;
      await recordCallEvent(trx, call.account_id, call.call_id);
      return true;
    });
    if (done) ended.push({ accountId: call.account_id, callId: call.call_id });
  }
  return ended;
}
