/**
 * Mail coming in over HTTP, for hosted mail providers that POST each message
 * to a webhook: the raw MIME message as the body (message/rfc822), the
 * server's MAIL_IN_TOKEN in the path. Answers 200 once the message is stored;
 * 400 for mail that cannot be read or is for no Caseline address. And triage,
 * the mail that joined no case, for admins to read, open as a case or dismiss.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  NotFoundError, PayloadTooLargeError, UnauthenticatedError, ValidationError,
} from '../../domain/errors.js';
import { receiveMail } from '../../domain/inbound-mail.js';
import { dismissTriageMail, openCaseFromTriage, triageOf } from '../../domain/triage.js';
import { MalformedMailError, readInboundMessage } from '../../mail/inbound-message.js';
import { viewerOf } from '../auth.js';
import type { RouteContext } from '../context.js';
import { idCursor, idNumber, idValue, limitParam, listOf } from '../schemas/common.js';

const triageEntry = z.object({
  id: z.number(), from: z.string().nullable(), fromName: z.string().nullable(),
  subject: z.string(), body: z.string(), reason: z.string(), receivedAt: z.string(),
});

export async function inboundMailRoutes(base: FastifyInstance, { store, config }: RouteContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = store;
  const { maxBytes } = config.mail.inbound;
  const tags = ['Mail'];

  app.addContentTypeParser('message/rfc822', { parseAs: 'buffer', bodyLimit: maxBytes },
    (_req, body, done) => done(null, body));

  app.get('/mail/triage', {
    schema: { tags, querystring: z.object({ limit: limitParam,
      cursor: idCursor.optional() }),
    response: { 200: listOf(triageEntry) } },
  }, async (req) => triageOf(db, viewerOf(req), req.query));

  app.post('/mail/triage/:id/case', {
    schema: { tags, params: z.object({ id: idNumber }),
      // The body may be left out: the case goes to the admin's own department.
      body: z.strictObject({ departmentId: idValue.optional() }).nullish(),
      response: { 201: z.object({ caseNo: z.number() }) } },
  }, async (req, reply) => {
    const opened = await openCaseFromTriage(db, viewerOf(req), req.params.id, req.body ?? {});
    req.log.info({ inboundId: req.params.id, caseNo: opened.caseNo },
      'triage mail opened as a case');
    return reply.code(201).send(opened);
  });

  app.delete('/mail/triage/:id', {
    schema: { tags, params: z.object({ id: idNumber }) },
  }, async (req, reply) => {
    await dismissTriageMail(db, viewerOf(req), req.params.id);
    req.log.info({ inboundId: req.params.id }, 'triage mail dismissed');
    return reply.code(204).send();
  });

  app.post('/mail/inbound/:token', {
    config: { public: true, webhook: true }, bodyLimit: maxBytes,
    schema: { tags, params: z.object({ token: z.string().max(200) }) },
  }, async (req) => {
    if (!tokenMatches(config.mail.inboundToken, req.params.token)) {
      throw new UnauthenticatedError('Unknown inbound mail token');
    }
    if (!Buffer.isBuffer(req.body)) {
      throw ValidationError.field('body', 'must be a raw message sent as message/rfc822');
    }
    if (req.body.length > maxBytes) throw new PayloadTooLargeError('Message too large');
    try {
      const outcome = await receiveMail(db, config, await readInboundMessage(req.body));
      req.log.info({ ...outcome, via: 'http' }, 'mail received');
      return { status: outcome.status };
    } catch (err) {
      if (err instanceof MalformedMailError) {
        throw ValidationError.field('body', `could not be read as e-mail: ${err.message}`);
      }
      if (err instanceof NotFoundError) throw ValidationError.field('to', err.message);
      throw err;
    }
  });
}

function tokenMatches(expected: string | null, given: string): boolean {
  if (expected === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
