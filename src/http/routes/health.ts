import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { RouteContext } from '../context.js';

export async function healthRoutes(app: FastifyInstance, { store }: RouteContext) {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));

  app.get('/readyz', { schema: { hide: true } }, async (req, reply) => {
    try {
      await sql`select 1`.execute(store.db);
      return { ok: true };
    } catch (err) {
      req.log.warn({ err }, 'database not ready');
      return reply.code(503).send({ ok: false });
    }
  });
}
