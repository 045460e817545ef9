/**
 * Fans the live event log out to the server's connected clients. New rows are
 * read once per wake-up for every subscriber: a wake-up comes from a SQLite
 * write in this process, from PostgreSQL's NOTIFY (any process's write), and
 * from a slow poll that heals anything missed.
 */
import pg from 'pg';
import type { Logger } from 'pino';
import type { Store } from '../storage/database.js';
import {
  LIVE_CHANNEL, deleteLiveEventsBefore, lastLiveEventId, listLiveEventsAfter, onLocalLiveEvent,
} from '../storage/live-events.js';
import type { LiveEventRow } from '../storage/schema-calls.js';

export interface LiveSubscriber {
  accountId: number;
  deliver(event: LiveEventRow): void;
}

export interface LiveHub {
  subscribe(subscriber: LiveSubscriber): () => void;
  /** Events of one account after `afterId`, for a client that reconnects. */
  replay(accountId: number, afterId: number): Promise<LiveEventRow[]>;
  close(): Promise<void>;
}

const POLL_MS = 1000;
const BATCH = 500;
/** Events older than this are deleted: a client away longer reloads its page instead. */
export const LIVE_RETENTION_MS = 60 * 60 * 1000;

export async function startLiveHub(
  store: Store, databaseUrl: string, logger: Logger,
): Promise<LiveHub> {
  const subscribers = new Map<number, Set<LiveSubscriber>>();
  let lastId = await lastLiveEventId(store.db);
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;

  const pump = () => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        const rows = await listLiveEventsAfter(store.db, lastId, { limit: BATCH });
        for (const row of rows) {
          lastId = Math.max(lastId, row.id);
          for (const s of subscribers.get(row.account_id) ?? []) s.deliver(row);
        }
        if (rows.length === BATCH) again = true;
      } while (again && !closed);
    })().catch((err: unknown) => logger.error({ err }, 'live events could not be read'))
      .finally(() => { running = null; });
  };

  const poll = setInterval(pump, POLL_MS);
  const stopListening = store.dialect === 'sqlite' ? onLocalLiveEvent(pump) : () => {};
  const cleanup = setInterval(() => {
    deleteLiveEventsBefore(store.db, new Date(Date.now() - LIVE_RETENTION_MS).toISOString())
      .catch((err: unknown) => logger.warn({ err }, 'old live events not deleted'));
  }, 10 * 60 * 1000);
  poll.unref();
  cleanup.unref();

  let listener: pg.Client | null = null;
  if (store.dialect === 'postgres') {
    listener = new pg.Client({ connectionString: databaseUrl });
    listener.on('notification', pump);
    listener.on('error', (err) => logger.warn({ err }, 'live event listener lost; polling'));
    await listener.connect();
    await listener.query(`LISTEN ${LIVE_CHANNEL}`);
  }

  return {
    subscribe(subscriber) {
      let set = subscribers.get(subscriber.accountId);
      if (!set) subscribers.set(subscriber.accountId, set = new Set());
      set.add(subscriber);
      return () => {
        set.delete(subscriber);
        if (set.size === 0) subscribers.delete(subscriber.accountId);
      };
    },
    replay: (accountId, afterId) => listLiveEventsAfter(store.db, afterId,
      { accountId, limit: BATCH }),
    async close() {
      closed = true;
      stopListening();
      clearInterval(poll);
      clearInterval(cleanup);
      await running;
      await listener?.end().catch(() => {});
    },
  };
}
