import type { Config } from '../config.js';
import type { LiveHub } from '../live/hub.js';
import type { OutboxWorker } from '../mail/outbox-worker.js';
import type { PdfRenderer } from '../print/pdf-renderer.js';
import type { Store } from '../storage/database.js';
import type { CallWriter } from '../telephony/call-writer.js';

/** What every route plugin is given: the store, the configuration, shared workers. */
export interface RouteContext {
  store: Store;
  config: Config;
  pdf: PdfRenderer;
  /** Wakes the outbox worker after a request queued mail. */
  outbox: Pick<OutboxWorker, 'nudge'>;
  /** Live updates for connected clients (GET /events). */
  live: LiveHub;
  /** Writes the PBX's call events without ever keeping the PBX waiting on a lock. */
  calls: CallWriter;
}
