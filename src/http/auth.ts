/**
 * Who is asking. A staff request is authenticated by the session cookie or by
 * an `Authorization: Bearer` token; the resolved Viewer is what every domain
 * call receives. Cookie-authenticated writes must come from our own origin
 * (API.md: cross-site request forgery).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Viewer } from '../domain/access.js';
import { viewerForApiToken, viewerForSession } from '../domain/auth.js';
import { ForbiddenError, UnauthenticatedError } from '../domain/errors.js';
import type { Db } from '../storage/database.js';

export const SESSION_COOKIE = 'caseline_session';

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null;
  }
  interface FastifyContextConfig {
    /** Routes open without a staff sign-in (health, sign-up, sign-in). */
    public?: boolean;
    /** Server-to-server webhooks (CTI, inbound mail) that no browser calls: no Origin check. */
    webhook?: boolean;
  }
}

const UNSAFE = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

export function installAuth(app: FastifyInstance, db: Db, publicUrl: string): void {
  const ownOrigin = new URL(publicUrl).origin;
  app.decorateRequest('viewer', null);

  app.addHook('onRequest', async (req) => {
    const bearer = bearerToken(req);
    if (bearer === undefined && UNSAFE.has(req.method) && !req.routeOptions.config.webhook
      && isCrossSite(req, ownOrigin)) {
      throw new ForbiddenError('Cross-site request refused');
    }
    if (req.routeOptions.config.public) return;

    const viewer = await credentialsViewer(db, req);
    if (!viewer) throw new UnauthenticatedError('Sign in first');
    req.viewer = viewer;
  });
}

/**
 * The member the request's credentials stand for now: its bearer token, else its
 * session cookie. Long-lived requests (the live stream) ask again as time passes.
 */
export async function credentialsViewer(
  db: Db, req: FastifyRequest,
): Promise<Viewer | undefined> {
  const bearer = bearerToken(req);
  const sessionToken = req.cookies[SESSION_COOKIE];
  return bearer !== undefined ? viewerForApiToken(db, bearer)
    : sessionToken ? viewerForSession(db, sessionToken) : undefined;
}

/** The viewer of an authenticated route; the onRequest hook has already refused others. */
export function viewerOf(req: FastifyRequest): Viewer {
  if (!req.viewer) throw new UnauthenticatedError('Sign in first');
  return req.viewer;
}

/**
 * The session cookie's token when the cookie is what signed this request in, so a
 * password change can spare that one session. Undefined for a bearer-token request,
 * whose cookie (if any) was not looked at.
 */
export function sessionTokenOf(req: FastifyRequest): string | undefined {
  return bearerToken(req) === undefined ? req.cookies[SESSION_COOKIE] : undefined;
}

function bearerToken(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1] : '';
}

/**
 * A browser names the page's origin in `Origin` on every cross-origin write and
 * on same-origin ones too; where it is missing, `Sec-Fetch-Site` tells. A
 * client sending neither (curl, a script) is not a browser being abused.
 */
function isCrossSite(req: FastifyRequest, ownOrigin: string): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    if (origin === ownOrigin) return false;
    const host = req.headers.host;
    return !(host && (origin === `http://${host}` || origin === `https://${host}`));
  }
  const site = req.headers['sec-fetch-site'];
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}

export function setSessionCookie(
  reply: FastifyReply, token: string, expires: Date, secure: boolean,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/', httpOnly: true, sameSite: 'lax', secure, expires,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
