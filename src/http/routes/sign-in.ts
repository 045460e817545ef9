import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { getAccount, signUp } from '../../domain/accounts.js';
import {
  changeOwnPassword, createApiToken, endSession, revokeApiToken, signIn, startSession,
} from '../../domain/auth.js';
import { ForbiddenError } from '../../domain/errors.js';
import { me } from '../../domain/staff.js';
import {
  accountRef, loginBody, passwordChangeBody, signupBody, signupResponse, tokenBody,
  tokenResponse,
} from '../schemas/accounts.js';
import { idNumber, staffSchema } from '../schemas/common.js';
import { z } from 'zod';
import {
  SESSION_COOKIE, clearSessionCookie, sessionTokenOf, setSessionCookie, viewerOf,
} from '../auth.js';
import type { RouteContext } from '../context.js';

export async function signInRoutes(base: FastifyInstance, { store, config }: RouteContext) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = store;
  const tags = ['Accounts and sign-in'];

  app.post('/signup', {
    config: { public: true },
    schema: { tags, body: signupBody, response: { 201: signupResponse } },
  }, async (req, reply) => {
    if (config.signup === 'closed') throw new ForbiddenError('Sign-up is closed on this server');
    const { account, staffId } = await signUp(db, req.body);
    const session = await startSession(db, { accountId: account.id, staffId }, config.sessionDays);
    setSessionCookie(reply, session.token, session.expiresAt, config.secureCookies);
    const user = await me(db, { accountId: account.id, staffId });
    req.log.info({ accountId: account.id, slug: account.slug }, 'account signed up');
    return reply.code(201).send({
      account: { id: account.id, slug: account.slug, name: account.name }, user,
    });
  });

  app.post('/auth/login', {
    config: { public: true },
    schema: { tags, body: loginBody, response: { 200: z.object({ user: staffSchema }) } },
  }, async (req, reply) => {
    const who = await signIn(db, req.body);
    const session = await startSession(db, who, config.sessionDays);
    setSessionCookie(reply, session.token, session.expiresAt, config.secureCookies);
    req.log.info({ accountId: who.accountId, staffId: who.staffId }, 'staff signed in');
    return { user: await me(db, who) };
  });

  app.post('/auth/logout', { config: { public: true }, schema: { tags } },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await endSession(db, token);
      clearSessionCookie(reply, config.secureCookies);
      return reply.code(204).send();
    });

  // The member plus the account they work in, so every page can name it.
  app.get('/me', {
    schema: { tags, response: { 200: staffSchema.extend({ account: accountRef }) } },
  }, async (req) => {
    const viewer = viewerOf(req);
    const [user, account] = await Promise.all([me(db, viewer), getAccount(db, viewer)]);
    return { ...user, account: { id: account.id, slug: account.slug, name: account.name } };
  });

  app.post('/me/password', {
    schema: { tags, body: passwordChangeBody },
  }, async (req, reply) => {
    const viewer = viewerOf(req);
    await changeOwnPassword(db, viewer, req.body, sessionTokenOf(req));
    req.log.info({ accountId: viewer.accountId, staffId: viewer.staffId }, 'password changed');
    return reply.code(204).send();
  });

  app.post('/tokens', {
    schema: { tags, body: tokenBody, response: { 201: tokenResponse } },
  }, async (req, reply) => {
    const token = await createApiToken(db, viewerOf(req), req.body.name);
    return reply.code(201).send(token);
  });

  app.delete('/tokens/:id', {
    schema: { tags, params: z.object({ id: idNumber }) },
  }, async (req, reply) => {
    await revokeApiToken(db, viewerOf(req), req.params.id);
    return reply.code(204).send();
  });
}
