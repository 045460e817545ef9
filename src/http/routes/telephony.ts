/**
 * The phone system's side: the CTI webhook a PBX posts call events to (JSON or
 * form fields, Zammad's names), the calls as staff see them, and the admins'
 * telephony settings.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addCallRoute, callRoutesOf, removeCallRoute } from '../../domain/call-routing.js';
import { callOf, callsOf } from '../../domain/calls.js';
import { acceptCtiEvent } from '../../domain/cti-events.js';
import { ValidationError } from '../../domain/errors.js';
import {
  blockNumber, blockedNumbersOf, rotateCtiToken, telephonySettings, unblockNumber,
} from '../../domain/telephony.js';
import { viewerOf } from '../auth.js';
import type { RouteContext } from '../context.js';
import {
  blockBody, blockedNumberSchema, callQuery, callRouteBody, callRouteSchema, callSchema,
  telephonySchema,
} from '../schemas/calls.js';
import { idNumber, listOf } from '../schemas/common.js';

/** A PBX event is a handful of short fields. */
const WEBHOOK_BODY_LIMIT = 16 * 1024;

export async function telephonyRoutes(
  base: FastifyInstance, { store, config, calls }: RouteContext,
) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = store;
  const tags = ['Phone system'];

  // Form bodies as PBX bridges send them; repeated keys (user[]=a&user[]=b) become lists.
  app.addContentTypeParser('application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) => {
      const fields: Record<string, string | string[]> = {};
      for (const [key, value] of new URLSearchParams(String(body))) {
        const name = key.endsWith('[]') ? key.slice(0, -2) : key;
        const known = fields[name];
        fields[name] = known === undefined ? (key.endsWith('[]') ? [value] : value)
          : [...(Array.isArray(known) ? known : [known]), value];
      }
      done(null, fields);
    });

  app.post('/cti/:token', {
    config: { public: true, webhook: true }, bodyLimit: WEBHOOK_BODY_LIMIT,
    schema: { tags, params: z.object({ token: z.string().max(200) }) },
  }, async (req) => {
    const body = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw ValidationError.field('body', 'must be an object of CTI fields');
    }
    const accepted = await acceptCtiEvent(db, req.params.token, body as Record<string, unknown>);
    const { row } = await calls.write(accepted);
    req.log.info({ accountId: accepted.accountId, callId: accepted.event.callId,
      event: accepted.event.event, state: row?.state ?? 'pending',
      rejected: 'action' in accepted.reply }, 'call event');
    return accepted.reply;
  });

  app.get('/calls', {
    schema: { tags, querystring: callQuery, response: { 200: listOf(callSchema) } },
  }, async (req) => callsOf(db, viewerOf(req), { active: req.query.state === 'active',
    limit: req.query.limit, cursor: req.query.cursor }));

  app.get('/calls/:callId', {
    schema: { tags, params: z.object({ callId: z.string().min(1).max(200) }),
      response: { 200: callSchema } },
  }, async (req) => callOf(db, viewerOf(req), req.params.callId));

  app.get('/telephony', { schema: { tags, response: { 200: telephonySchema } } },
    async (req) => telephonySettings(db, config, viewerOf(req)));

  app.post('/telephony/rotate', { schema: { tags, response: { 200: telephonySchema } } },
    async (req) => {
      const settings = await rotateCtiToken(db, config, viewerOf(req));
      req.log.info('CTI token rotated');
      return settings;
    });

  app.get('/telephony/blocked', {
    schema: { tags, response: { 200: listOf(blockedNumberSchema) } },
  }, async (req) => ({ items: await blockedNumbersOf(db, viewerOf(req)), nextCursor: null }));

  app.post('/telephony/blocked', {
    schema: { tags, body: blockBody, response: { 201: blockedNumberSchema } },
  }, async (req, reply) => reply.code(201).send(await blockNumber(db, viewerOf(req), req.body)));

  app.delete('/telephony/blocked/:id', {
    schema: { tags, params: z.object({ id: idNumber }) },
  }, async (req, reply) => {
    await unblockNumber(db, viewerOf(req), req.params.id);
    return reply.code(204).send();
  });

  app.get('/telephony/routes', {
    schema: { tags, response: { 200: listOf(callRouteSchema) } },
  }, async (req) => ({ items: await callRoutesOf(db, viewerOf(req)), nextCursor: null }));

  app.post('/telephony/routes', {
    schema: { tags, body: callRouteBody, response: { 201: callRouteSchema } },
  }, async (req, reply) => {
    const route = await addCallRoute(db, viewerOf(req), req.body);
    req.log.info({ routeId: route.id, field: route.field }, 'call route added');
    return reply.code(201).send(route);
  });

  app.delete('/telephony/routes/:id', {
    schema: { tags, params: z.object({ id: idNumber }) },
  }, async (req, reply) => {
    await removeCallRoute(db, viewerOf(req), req.params.id);
    req.log.info({ routeId: req.params.id }, 'call route removed');
    return reply.code(204).send();
  });
}
