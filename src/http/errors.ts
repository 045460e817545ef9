/**
 * The one place where failures become HTTP answers, all in API.md's shape:
 * `{error: {code, message, fields?}}`. Domain errors carry their own status and
 * code; request validation failures name each bad field; anything unexpected
 * is logged and answered as a bare 500 that reveals nothing.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, RateLimitedError } from '../domain/errors.js';
import { isBusyError } from '../storage/errors.js';
import { SECURITY_HEADERS } from './security-headers.js';
import { isPageRequest } from './web.js';

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: { issue?: { path?: PropertyKey[] } };
}

export function installErrorHandling(app: FastifyInstance, serveWebApp: boolean): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof DomainError) {
      if (err instanceof RateLimitedError) {
        reply.header('Retry-After', String(err.retryAfterSeconds));
      }
      req.log.info({ code: err.code, status: err.status }, 'request refused');
      return sendError(reply, err.status, err.code, err.message, err.fields);
    }
    if (err.validation) {
      const fields = validationFields(err.validation as ValidationIssue[], err.validationContext);
      return sendError(reply, 400, 'validation_failed', 'The request has invalid fields', fields);
    }
    const status = err.statusCode ?? 500;
    if (status === 413) {
      return sendError(reply, 413, 'payload_too_large', 'The request body is too large');
    }
    if (status >= 400 && status < 500) {
      // Fastify's own refusals: malformed JSON, wrong content type, and the like.
      return sendError(reply, status, codeForStatus(status), err.message);
    }
    if (isBusyError(err)) {
      // Another process held the database's write lock for longer than a write waits.
      req.log.warn({ err }, 'database busy');
      reply.header('Retry-After', '1');
      return sendError(reply, 503, 'busy', 'The database is busy; try again in a moment');
    }
    req.log.error({ err }, 'request failed');
    return sendError(reply, 500, 'internal', 'Something went wrong on our side');
  });

  app.setNotFoundHandler((req, reply) => {
    if (serveWebApp && isPageRequest(req.method, req.url)) {
      return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache')
        .sendFile('index.html');
    }
    return sendError(reply, 404, 'not_found', `No route ${req.method} ${req.url.split('?')[0]}`);
  });
}

export function sendError(
  reply: FastifyReply, status: number, code: string, message: string,
  fields?: Record<string, string>,
) {
  return reply.code(status).type('application/json; charset=utf-8')
    .send(JSON.stringify({ error: { code, message, ...(fields && { fields }) } }));
}

function validationFields(issues: ValidationIssue[], context?: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.params?.issue?.path?.map(String).join('.')
      || (issue.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    const name = path || (context === 'body' ? 'body' : context ?? 'request');
    fields[name] ??= issue.message ?? 'is invalid';
  }
  return fields;
}

function codeForStatus(status: number): string {
  if (status === 400) return 'validation_failed';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 414) return 'uri_too_long';
  if (status === 415) return 'unsupported_media_type';
  if (status === 431) return 'headers_too_large';
  if (status === 429) return 'rate_limited';
  return 'bad_request';
}


/**
 * Refusals Fastify makes before a route is found (a URL that does not decode, a path
 * part over the length limit): in the same shape as every other error.
 */
export function frameworkError(err: FastifyError, _req: FastifyRequest, reply: FastifyReply) {
  const status = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : err.statusCode ?? 400;
  const message = status === 414 ? 'A part of the URL is too long' : 'The URL is not valid';
  // No route ran, so neither did the hooks that add these.
  reply.headers(SECURITY_HEADERS);
  return sendError(reply, status, codeForStatus(status), message);
}

/**
 * Requests Node's HTTP parser refuses (a bad Content-Length, headers too large, a
 * request too slow to arrive) never reach Fastify's handlers; the answer is written
 * on the socket, still in API.md's shape.
 */
export function clientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408
    : err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const message = status === 408 ? 'The request took too long to arrive'
    : status === 431 ? 'The request headers are too large' : 'The request is malformed';
  const body = JSON.stringify({ error: { code: codeForStatus(status), message } });
  const headers = Object.entries(SECURITY_HEADERS).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n${headers}`
      + `Content-Type: application/json; charset=utf-8\r\n`
      + `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }
  socket.destroy();
}
