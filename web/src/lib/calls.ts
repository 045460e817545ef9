/** Keeping a list of calls current from snapshots and live `call` events. */
import type { Call, CallState } from '../api/types';

const RANK: Record<CallState, number> = { ringing: 0, answered: 1, ended: 2 };

/**
 * The report to keep: a list fetched a moment ago may arrive after a live
 * event that is newer, and a call never goes back from answered or ended.
 */
export function newerCall(known: Call | undefined, report: Call): Call {
  return known && RANK[known.state] > RANK[report.state] ? known : report;
}

/** `calls` with `report` merged in by callId, newest call first. */
export function mergeCall(calls: readonly Call[], report: Call): Call[] {
  const known = calls.find((c) => c.callId === report.callId);
  const kept = newerCall(known, report);
  if (known === kept) return calls as Call[];
  const rest = calls.filter((c) => c.callId !== report.callId);
  return newestFirst([kept, ...rest]);
}

export function newestFirst(calls: Call[]): Call[] {
  // ISO timestamps of one format sort as text.
  return calls.sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1
    : 0));
}
