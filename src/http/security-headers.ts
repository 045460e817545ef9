/**
 * Headers every answer carries, pages and API alike:
 * - no framing by other sites (clickjacking a "Close case" or "Revoke" button);
 * - no content-type sniffing (an attachment-like text must not run as a script);
 * - no Referer to other sites: portal and pairing links carry one-time tokens in
 *   their query, and a link the customer follows from there must not take it along
 *   ("same-origin", not "no-referrer": that would turn the Origin header of our own
 *   POSTs into "null", which the CSRF check refuses);
 * - API answers are not cached anywhere.
 */
import type { FastifyInstance } from 'fastify';

/** Also written by hand where a route takes the raw response over (the live stream). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'x-frame-options': 'DENY',
  'content-security-policy': "frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
});

export function installSecurityHeaders(app: FastifyInstance): void {
  // Set when the request arrives, once, rather than in an async hook on every send.
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    // API answers are one member's data: no shared or browser cache keeps them. A route
    // that says otherwise (the PDF) sets its own.
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    done();
  });
}
