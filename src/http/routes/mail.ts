/** Staff's side of e-mail: a case's pairings, and the outbox for admins. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { outboxOf, retryOutboxMail } from '../../domain/outbox.js';
import { pairingsOfCase, revokeCasePairing } from '../../domain/pairings.js';
import { viewerOf } from '../auth.js';
import type { RouteContext } from '../context.js';
import { caseParams } from '../schemas/cases.js';
import { idCursor, idNumber, limitParam, listOf } from '../schemas/common.js';
import { pairingSchema } from '../schemas/portal.js';

const outboxEntry = z.object({
  id: z.number(), kind: z.string(), to: z.string(), subject: z.string(),
  status: z.enum(['queued', 'sent', 'failed']), attempts: z.number(),
  lastError: z.string().nullable(), createdAt: z.string(), sentAt: z.string().nullable(),
});

export async function mailRoutes(base: FastifyInstance, { store, outbox }: RouteContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = store;

  app.get('/cases/:caseNo/pairings', {
    schema: { tags: ['Cases'], params: caseParams, response: { 200: listOf(pairingSchema) } },
  }, async (req) => ({
    items: await pairingsOfCase(db, viewerOf(req), req.params.caseNo), nextCursor: null,
  }));

  app.delete('/cases/:caseNo/pairings/:id', {
    schema: { tags: ['Cases'], params: caseParams.extend({ id: idNumber }) },
  }, async (req, reply) => {
    await revokeCasePairing(db, viewerOf(req), req.params.caseNo, req.params.id);
    req.log.info({ caseNo: req.params.caseNo, pairingId: req.params.id }, 'pairing revoked');
    return reply.code(204).send();
  });

  app.get('/outbox', {
    schema: { tags: ['Mail'], querystring: z.object({ limit: limitParam,
      cursor: idCursor.optional() }),
    response: { 200: listOf(outboxEntry) } },
  }, async (req) => outboxOf(db, viewerOf(req), req.query));

  app.post('/outbox/:id/retry', {
    schema: { tags: ['Mail'], params: z.object({ id: idNumber }),
      response: { 200: outboxEntry } },
  }, async (req) => {
    const entry = await retryOutboxMail(db, viewerOf(req), req.params.id);
    req.log.info({ outboxId: entry.id }, 'mail queued again');
    outbox.nudge();
    return entry;
  });
}
