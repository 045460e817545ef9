/**
 * Writes the PBX's call events so that the webhook answers fast even when the
 * database is busy. A PBX waits for the webhook's answer before it goes on with
 * the call (a `newCall` may be turned away as busy), and some give up after a
 * second or two; so the answer never waits on a lock.
 *
 * The answer depends only on reads (the token, the fields, the blocked list),
 * which neither database makes wait for a writer. The write waits for a lock
 * without holding a connection (storage/locks.ts, storage/sqlite-driver.ts) and is
 * tried again, with a growing pause, until it lands or `retryForMs` has passed;
 * the events of one call are written one after another, in the order they came.
 * The webhook waits for its write at most `answerWithinMs`; after that it answers
 * anyway and the write lands when the database is free.
 *
 * The trade-off, as the README says: an event answered while the database was
 * busy lives in this process's memory until written; if the process stops first
 * (`close` waits for them a while), it is lost. At most `maxPending` events wait;
 * beyond that the webhook answers 503 so the PBX knows.
 */
import type { Logger } from 'pino';
import type { Store } from '../storage/database.js';
import { isBusyError } from '../storage/errors.js';
import { applyCtiEvent, type AcceptedCtiEvent } from '../domain/cti-events.js';
import { ServiceUnavailableError } from '../domain/errors.js';
import type { CallRow } from '../storage/schema-calls.js';

export interface CallWriterOptions {
  store: Store;
  logger: Logger;
  answerWithinMs?: number;
  retryForMs?: number;
  maxPending?: number;
}

export interface CallWrite {
  /** The call as written, or null when the write was still waiting for the database. */
  row: CallRow | null;
}

export interface CallWriter {
  /** Writes the event; waits for it at most the answer time. */
  write(accepted: AcceptedCtiEvent): Promise<CallWrite>;
  /** Waits up to `ms` for the pending writes, then gives up on them. */
  close(ms?: number): Promise<void>;
}

const FIRST_PAUSE_MS = 10;
const LONGEST_PAUSE_MS = 1_000;

export function startCallWriter(o: CallWriterOptions): CallWriter {
  const { store, logger } = o;
  const answerWithinMs = o.answerWithinMs ?? 300;
  const retryForMs = o.retryForMs ?? 10 * 60_000;
  const maxPending = o.maxPending ?? 10_000;
  const inFlight = new Set<Promise<CallRow | null>>();
  const lastOfCall = new Map<string, Promise<CallRow | null>>();
  let closing = false;

  const pause = (ms: number) => new Promise<void>((done) => {
    setTimeout(done, ms).unref();
  });

  async function writeUntilDone(accepted: AcceptedCtiEvent): Promise<CallRow | null> {
    const started = Date.now();
    let wait = FIRST_PAUSE_MS;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const row = await applyCtiEvent(store.db, store.dialect, accepted);
        if (attempt > 1) {
          logger.info({ accountId: accepted.accountId, callId: accepted.event.callId, attempt },
            'call event written after the database was busy');
        }
        return row;
      } catch (err) {
        const late = Date.now() - started + wait > retryForMs;
        if (!isBusyError(err) || closing || late) {
          logger.error({ err, accountId: accepted.accountId, callId: accepted.event.callId,
            event: accepted.event.event, attempt }, 'call event not written');
          throw err;
        }
        await pause(wait);
        wait = Math.min(wait * 2, LONGEST_PAUSE_MS);
      }
    }
  }

  return {
    async write(accepted) {
      if (inFlight.size >= maxPending || closing) {
        throw new ServiceUnavailableError('Too many call events wait for the database');
      }
      // One call's events are written in the order they came, each after the one before
      // has landed: retried apart, a hang-up could land before its call's newCall.
      const key = `${accepted.accountId}\u0000${accepted.event.callId}`;
      const before = lastOfCall.get(key) ?? Promise.resolve(null);
      const writing = before.then(() => writeUntilDone(accepted));
      // Kept until settled, so `close` can wait for it; its failure is logged above.
      const settled = writing.catch(() => null);
      inFlight.add(settled);
      lastOfCall.set(key, settled);
      void settled.finally(() => {
        inFlight.delete(settled);
        if (lastOfCall.get(key) === settled) lastOfCall.delete(key);
      });
      let timer: NodeJS.Timeout | undefined;
      const answerTime = new Promise<'late'>((done) => {
        timer = setTimeout(() => done('late'), answerWithinMs);
      });
      try {
        const first = await Promise.race([writing, answerTime]);
        if (first !== 'late') return { row: first };
        logger.warn({ accountId: accepted.accountId, callId: accepted.event.callId,
          event: accepted.event.event }, 'database busy: call event answered, written later');
        return { row: null };
      } finally {
        clearTimeout(timer);
      }
    },
    async close(ms = 5_000) {
      closing = true;
      const all = Promise.allSettled([...inFlight]);
      await Promise.race([all, pause(ms)]);
    },
  };
}
