/**
 * GET /api/v1/events: Server-Sent Events for the signed-in member. Each event
 * carries the id of the live log, so a browser reconnecting with Last-Event-ID
 * gets what it missed; heartbeats keep proxies from closing an idle stream and
 * check that the member's session still stands.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Viewer } from '../../domain/access.js';
import type { ViewedCall } from '../../domain/calls.js';
import { CallCache, liveMessageFor, type LiveMessage } from '../../domain/live-events.js';
import type { LiveEventRow } from '../../storage/schema-calls.js';
import { credentialsViewer, viewerOf } from '../auth.js';
import { SECURITY_HEADERS } from '../security-headers.js';
import type { RouteContext } from '../context.js';

const HEARTBEAT_MS = 15_000;

export async function liveRoutes(base: FastifyInstance, { store, live }: RouteContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = store;
  // Open streams never end by themselves: closing the server ends them, or it would wait.
  const open = new Set<{ end(): void }>();
  const calls = new CallCache();
  app.addHook('preClose', async () => {
    for (const out of open) out.end();
  });

  app.get('/events', {
    // A HEAD of an endless stream would never end either.
    exposeHeadRoute: false,
    schema: {
      tags: ['Live events'],
      querystring: z.object({
        // Cases the page has open by their exact Case #, heard whatever their department.
        cases: z.string().regex(/^[0-9]{1,10}(,[0-9]{1,10}){0,49}$/, 'is not a list of Case #s')
          .optional(),
      }),
    },
  }, async (req, reply) => {
    const viewer = viewerOf(req);
    const named = new Set((req.query.cases ?? '').split(',').filter(Boolean).map(Number));
    const lastEventId = Number(/^[0-9]{1,15}$/.exec(String(req.headers['last-event-id'] ?? ''))
      ?.[0] ?? NaN);

    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store',
      connection: 'keep-alive', 'x-accel-buffering': 'no',
    });
    out.write('retry: 2000\n\n');
    open.add(out);

    // Events are sent in log order, each once: each waits for the one before it, and
    // what arrives live while a reconnect's missed events are read waits behind them.
    let queue = Promise.resolve();
    let lastSent = Number.isInteger(lastEventId) ? lastEventId : 0;
    const send = (row: LiveEventRow) => {
      queue = queue.then(async () => {
        if (row.id <= lastSent || out.writableEnded) return;
        lastSent = row.id;
        const message = await liveMessageFor(db, viewer, row, named, calls);
        if (message?.event === 'recheck') {
          if (!(await stillSignedIn(req, viewer))) out.end();
        } else if (message) out.write(format(message));
      }).catch((err: unknown) => req.log.warn({ err }, 'live event not sent'));
    };
    let held: LiveEventRow[] | null = Number.isInteger(lastEventId) ? [] : null;
    const unsubscribe = live.subscribe({ accountId: viewer.accountId,
      deliver: (row) => (held ? held.push(row) : send(row)) });
    if (held) {
      for (const row of await live.replay(viewer.accountId, lastEventId)) send(row);
      for (const row of held) send(row);
      held = null;
    }

    const heartbeat = setInterval(() => {
      void stillSignedIn(req, viewer).then((ok) => (ok ? out.write(': ping\n\n') : out.end()));
    }, HEARTBEAT_MS);
    req.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(out);
    });
  });

  /**
   * Whether the credentials still stand for the same member with the same rights. A
   * changed department or supervisor flag ends the stream too: the browser reconnects
   * and hears what the member may hear now.
   */
  async function stillSignedIn(req: FastifyRequest, viewer: Viewer): Promise<boolean> {
    const now = await credentialsViewer(db, req);
    return now !== undefined && JSON.stringify(now) === JSON.stringify(viewer);
  }
}

function format(message: Exclude<LiveMessage, { event: 'recheck' }>): string {
  const data: { caseNo: number } | ViewedCall = message.data;
  return `id: ${message.id}\nevent: ${message.event}\ndata: ${JSON.stringify(data)}\n\n`;
}
