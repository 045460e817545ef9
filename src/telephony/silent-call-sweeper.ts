/**
 * Once a minute, ends the calls the PBX went silent on (domain/silent-calls.ts).
 * Every process sweeps; a call ended by one is left alone by the others.
 */
import type { Logger } from 'pino';
import { endSilentCalls } from '../domain/silent-calls.js';
import type { Store } from '../storage/database.js';

export interface SilentCallSweeper {
  /** Sweeps now; answers how many calls it ended. */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

export function startSilentCallSweeper(
  o: { store: Store; logger: Logger; everyMs?: number },
): SilentCallSweeper {
  let running: Promise<number> | null = null;
  const sweep = () => {
    running ??= endSilentCalls(o.store.db).then((ended) => {
      for (const call of ended) o.logger.info(call, 'call ended: no event from the PBX for long');
      return ended.length;
    }, (err: unknown) => {
      o.logger.error({ err }, 'sweeping silent calls failed');
      return 0;
    }).finally(() => { running = null; });
    return running;
  };
  const timer = setInterval(() => { void sweep(); }, o.everyMs ?? 60_000);
  timer.unref();
  return {
    sweep,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
