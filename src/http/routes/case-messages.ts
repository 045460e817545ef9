import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { addMessage, redactMessage } from '../../domain/case-messages.js';
import { printableCase } from '../../domain/printable.js';
import {
  addedMessageSchema, caseParams, messageParams, messageSchema, newMessageBody,
} from '../schemas/cases.js';
import { viewerOf } from '../auth.js';
import type { RouteContext } from '../context.js';

export async function caseMessageRoutes(
  base: FastifyInstance, { store, config, pdf: pdfRenderer, outbox }: RouteContext,
) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = store;
  const tags = ['Cases'];

  app.post('/cases/:caseNo/messages', {
    schema: { tags, params: caseParams, body: newMessageBody,
      response: { 201: addedMessageSchema } },
  }, async (req, reply) => {
    const added = await addMessage(db, config, viewerOf(req), req.params.caseNo, req.body);
    req.log.info({ caseNo: req.params.caseNo, messageId: added.message.id,
      visibility: added.message.visibility, warnings: added.warnings.length,
      mails: added.notifications.map((n) => n.kind) }, 'message added');
    if (added.notifications.length > 0) outbox.nudge();
    return reply.code(201).send(added);
  });

  app.post('/cases/:caseNo/messages/:id/redact', {
    schema: { tags, params: messageParams, response: { 200: messageSchema } },
  }, async (req) => {
    const message = await redactMessage(db, viewerOf(req), req.params.caseNo, req.params.id);
    req.log.info({ caseNo: req.params.caseNo, messageId: message.id }, 'message redacted');
    return message;
  });

  // The print page's data: the case, its history and the account, in one answer.
  app.get('/cases/:caseNo/printable', {
    schema: { tags, params: caseParams },
  }, async (req) => printableCase(db, viewerOf(req), req.params.caseNo));

  app.get('/cases/:caseNo/pdf', {
    schema: { tags, params: caseParams },
  }, async (req, reply) => {
    const printable = await printableCase(db, viewerOf(req), req.params.caseNo);
    const pdf = await pdfRenderer.render(printable);
    return reply.type('application/pdf')
      .header('Content-Disposition', `inline; filename="case-${req.params.caseNo}.pdf"`)
      .header('Cache-Control', 'private, no-store')
      .send(pdf);
  });
}
