/**
 * The portal's own cookie. It is a different cookie from the staff session and
 * only the portal's routes read it, so it never grants a staff endpoint
 * (API.md: Customer portal). Writes with it pass the same cross-site check as
 * staff writes (auth.ts), which runs for every route.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PortalViewer } from '../domain/access.js';
import { UnauthenticatedError } from '../domain/errors.js';
import { portalViewerForSession } from '../domain/portal.js';
import type { Db } from '../storage/database.js';

export const PORTAL_COOKIE = 'caseline_portal';

export async function portalViewerOf(db: Db, req: FastifyRequest): Promise<PortalViewer> {
  const token = req.cookies[PORTAL_COOKIE];
  if (!token) throw new UnauthenticatedError('Sign in to the portal first');
  return portalViewerForSession(db, token);
}

export function setPortalCookie(
  reply: FastifyReply, token: string, expires: Date, secure: boolean,
): void {
  reply.setCookie(PORTAL_COOKIE, token, {
    path: '/', httpOnly: true, sameSite: 'lax', secure, expires,
  });
}

export function clearPortalCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(PORTAL_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
