/**
 * Live events (API.md "Live events"): one EventSource per tab, shared by every
 * component that listens, opened while anyone listens and closed when nobody
 * does. Reconnecting after a dropped connection is EventSource's own (it sends
 * Last-Event-ID and the server replays what was missed).
 *
 * A listener may name Case #s it has open (`?cases=`), so a case of another
 * department reached by its number still updates. When that set changes the
 * stream is replaced: the new one opens before the old one closes, and events
 * both deliver (same id) are passed on once, so nothing falls in between.
 *
 * Listeners load their data when they mount, which may be before the stream
 * is open; so when a stream opens where none was (first, or after the server
 * refused one), every listener is told to `resync`: fetch again.
 */
import { API_BASE, request } from './client';
import type { Call, CaseEvent } from './types';

export interface LiveHandlers {
  call?: (call: Call) => void;
  case?: (event: CaseEvent) => void;
  /** The stream opened where none was: events before it were not heard. */
  resync?: () => void;
}

interface Subscription {
  handlers: LiveHandlers;
  cases: readonly number[];
}

/** The server takes up to 50 Case #s in `?cases=`. */
const MAX_NAMED_CASES = 50;
const RETRY_MS = [5_000, 15_000, 60_000];
const REMEMBERED_IDS = 200;

const subscriptions = new Set<Subscription>();
const retiring = new Set<EventSource>();
const recentIds: string[] = [];
let current: EventSource | null = null;
let currentUrl = '';
let syncTimer: ReturnType<typeof setTimeout> | null = null;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let refusals = 0;

/**
 * Listens to live events until the returned function is called. `cases` are
 * Case #s the listener has open; their events arrive whatever their department.
 */
export function subscribeLive(
  handlers: LiveHandlers, cases: readonly number[] = [],
): () => void {
  const subscription: Subscription = { handlers, cases };
  subscriptions.add(subscription);
  scheduleSync();
  return () => {
    subscriptions.delete(subscription);
    scheduleSync();
  };
}

/** Batched, so a page that unmounts and mounts listeners in one go keeps its stream. */
function scheduleSync(): void {
  if (syncTimer === null) syncTimer = setTimeout(sync, 0);
}

function sync(): void {
  syncTimer = null;
  if (subscriptions.size === 0) {
    closeAll();
    return;
  }
  const url = streamUrl();
  if (retryTimer !== null || (current && currentUrl === url)) return;
  open(url, current === null);
}

function streamUrl(): string {
  const named = new Set<number>();
  for (const s of subscriptions) s.cases.forEach((n) => named.add(n));
  const cases = [...named].sort((a, b) => a - b).slice(0, MAX_NAMED_CASES);
  return cases.length === 0 ? `${API_BASE}/events` : `${API_BASE}/events?cases=${cases.join(',')}`;
}

function open(url: string, fresh: boolean): void {
  const source = new EventSource(url);
  if (current) retiring.add(current);
  current = source;
  currentUrl = url;
  let resyncDue = fresh;

  source.addEventListener('call', (e) => deliver(e, (h, data) => h.call?.(data as Call)));
  source.addEventListener('case', (e) => deliver(e, (h, data) => h.case?.(data as CaseEvent)));
  source.addEventListener('open', () => {
    if (source !== current) return;
    refusals = 0;
    retiring.forEach((old) => old.close());
    retiring.clear();
    if (resyncDue) {
      resyncDue = false;
      for (const s of [...subscriptions]) safely(() => s.handlers.resync?.());
    }
  });
  source.addEventListener('error', () => {
    // CONNECTING means EventSource is reconnecting by itself; CLOSED means it gave up.
    if (source.readyState !== EventSource.CLOSED) return;
    retiring.delete(source);
    if (source === current) refused();
  });
}

/**
 * The server answered the stream with an error (EventSource does not retry
 * those): a 401 ends the session as any request would; otherwise try later.
 */
function refused(): void {
  current = null;
  currentUrl = '';
  request('GET', '/me').catch(() => undefined);
  const wait = RETRY_MS[Math.min(refusals, RETRY_MS.length - 1)] ?? 60_000;
  refusals += 1;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    if (subscriptions.size > 0) open(streamUrl(), true);
  }, wait);
}

function closeAll(): void {
  current?.close();
  retiring.forEach((old) => old.close());
  retiring.clear();
  current = null;
  currentUrl = '';
  if (retryTimer !== null) clearTimeout(retryTimer);
  retryTimer = null;
  refusals = 0;
}

function deliver(event: Event, call: (handlers: LiveHandlers, data: unknown) => void): void {
  const { data, lastEventId } = event as MessageEvent<string>;
  if (lastEventId !== '') {
    if (recentIds.includes(lastEventId)) return;
    recentIds.push(lastEventId);
    if (recentIds.length > REMEMBERED_IDS) recentIds.shift();
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return;
  }
  for (const s of [...subscriptions]) safely(() => call(s.handlers, parsed));
}

/** One listener's mistake must not keep the event from the others. */
function safely(run: () => void): void {
  try {
    run();
  } catch (err) {
    reportError(err);
  }
}
