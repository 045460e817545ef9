/**
 * The customer portal's API. Every route here is closed to staff credentials
 * and open only to the portal cookie (or to nothing, for pairing and sign-in).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PortalViewer } from '../../domain/access.js';
import { pairWithCode, pairWithToken } from '../../domain/pairings.js';
import {
  addPortalReply, endPortalSession, portalCase, portalCases, requestPortalLogin,
  signInWithPortalLink, startPortalSession,
} from '../../domain/portal.js';
import type { RouteContext } from '../context.js';
import {
  PORTAL_COOKIE, clearPortalCookie, portalViewerOf, setPortalCookie,
} from '../portal-auth.js';
import {
  pairBody, portalCaseParams, portalCaseSchema, portalLoginBody, portalMessageSchema,
  portalReplyBody, portalSessionBody,
} from '../schemas/portal.js';

export async function portalRoutes(
  base: FastifyInstance, { store, config, outbox }: RouteContext,
) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = store;
  const tags = ['Customer portal'];
  const open = { public: true };
  const casesResponse = z.object({ cases: z.array(portalCaseSchema) });

  const signInAs = async (viewer: PortalViewer, reply: FastifyReply) => {
    const session = await startPortalSession(db, viewer);
    setPortalCookie(reply, session.token, session.expiresAt, config.secureCookies);
    return { cases: await portalCases(db, viewer) };
  };

  app.post('/portal/pair', {
    config: open, schema: { tags, body: pairBody,
      response: { 200: casesResponse.extend({ pairedCaseNo: z.number() }) } },
  }, async (req, reply) => {
    const paired = 'token' in req.body
      ? await pairWithToken(db, req.body.token)
      : await pairWithCode(db, req.body, req.ip);
    req.log.info({ accountId: paired.viewer.accountId, caseNo: paired.caseNo,
      via: 'token' in req.body ? 'link' : 'code' }, 'case paired');
    return { ...(await signInAs(paired.viewer, reply)), pairedCaseNo: paired.caseNo };
  });

  app.post('/portal/login', {
    config: open, schema: { tags, body: portalLoginBody },
  }, async (req, reply) => {
    // The answer goes out before the look-up, so neither its content nor its timing
    // tells whether the address follows any case.
    void requestPortalLogin(db, config, req.body).then((mailed) => {
      if (!mailed) return;
      req.log.info({ outboxId: mailed.outboxId }, 'portal sign-in link queued');
      outbox.nudge();
    }, (err: unknown) => req.log.error({ err }, 'portal sign-in link failed'));
    return reply.code(202).send({});
  });

  app.post('/portal/session', {
    config: open, schema: { tags, body: portalSessionBody, response: { 200: casesResponse } },
  }, async (req, reply) => signInAs(await signInWithPortalLink(db, req.body.token), reply));

  app.get('/portal/cases', {
    config: open, schema: { tags, response: { 200: z.object({ items: z.array(portalCaseSchema),
      nextCursor: z.null() }) } },
  }, async (req) => ({ items: await portalCases(db, await portalViewerOf(db, req)),
    nextCursor: null }));

  app.get('/portal/cases/:caseNo', {
    config: open, schema: { tags, params: portalCaseParams, response: { 200: portalCaseSchema } },
  }, async (req) => portalCase(db, await portalViewerOf(db, req), req.params.caseNo));

  app.post('/portal/cases/:caseNo/messages', {
    config: open,
    schema: { tags, params: portalCaseParams, body: portalReplyBody,
      response: { 201: portalMessageSchema } },
  }, async (req, reply) => {
    const viewer = await portalViewerOf(db, req);
    const message = await addPortalReply(db, viewer, req.params.caseNo, req.body.body);
    req.log.info({ accountId: viewer.accountId, caseNo: req.params.caseNo,
      messageId: message.id }, 'customer replied in the portal');
    return reply.code(201).send(message);
  });

  app.post('/portal/logout', { config: open, schema: { tags } }, async (req, reply) => {
    const token = req.cookies[PORTAL_COOKIE];
    if (token) await endPortalSession(db, token);
    clearPortalCookie(reply, config.secureCookies);
    return reply.code(204).send();
  });
}
