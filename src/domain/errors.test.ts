import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ConflictError, ForbiddenError, NotFoundError, PayloadTooLargeError, RateLimitedError,
  UnauthenticatedError, UnprocessableError, ValidationError,
} from './errors.js';

describe('domain errors', () => {
  it('carry the status and code of API.md', () => {
    const table: Array<[Error & { status: number; code: string }, number, string]> = [
      [new ValidationError('x'), 400, 'validation_failed'],
      [new UnauthenticatedError('x'), 401, 'unauthenticated'],
      [new ForbiddenError('x'), 403, 'forbidden'],
      [new NotFoundError('x'), 404, 'not_found'],
      [new ConflictError('x'), 409, 'conflict'],
      [new PayloadTooLargeError('x'), 413, 'payload_too_large'],
      [new UnprocessableError('x'), 422, 'unprocessable'],
      [new RateLimitedError('x', 5), 429, 'rate_limited'],
    ];
    for (const [err, status, code] of table) {
      assert.equal(err.status, status);
      assert.equal(err.code, code);
    }
  });

  it('names the field of a single-field validation error', () => {
    const err = ValidationError.field('subject', 'must not be empty');
    assert.deepEqual(err.fields, { subject: 'must not be empty' });
  });
});
