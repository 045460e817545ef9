/**
 * The JSON body parser. Besides parsing, it refuses NUL characters anywhere in
 * the body or the query string: PostgreSQL cannot store them in text, and no
 * field has a use for them, so they are a 400 naming the field rather than a
 * database error. A compressed body (Content-Encoding) is refused before it is
 * read: no parser here inflates, and reading gzip as text would only confuse.
 */
import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../domain/errors.js';
import { sendError } from './errors.js';

const NUL = '\u0000';

export function installJsonBody(app: FastifyInstance): void {
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    // A byte-order mark some tools put first is not part of the JSON.
    const text = (body as string).replace(/^\uFEFF/, '');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text, refuseNul));
    } catch (err) {
      if (err instanceof ValidationError) return done(err, undefined);
      done(new ValidationError('The body is not valid JSON', { body: 'is not valid JSON' }),
        undefined);
    }
  });

  app.addHook('onRequest', async (req, reply) => {
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
      return sendError(reply, 415, 'unsupported_media_type',
        'Content-Encoding is not supported: send the body uncompressed');
    }
    return undefined;
  });

  app.addHook('preValidation', async (req) => {
    for (const [name, value] of Object.entries((req.query ?? {}) as Record<string, unknown>)) {
      const values = Array.isArray(value) ? value : [value];
      if (values.some((v) => typeof v === 'string' && v.includes(NUL))) {
        throw ValidationError.field(name, 'must not contain NUL characters');
      }
    }
  });
}

function refuseNul(key: string, value: unknown): unknown {
  if (typeof value === 'string' && value.includes(NUL)) {
    throw ValidationError.field(key || 'body', 'must not contain NUL characters');
  }
  if (key === '__proto__') return undefined;
  return value;
}
