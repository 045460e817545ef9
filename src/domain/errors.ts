/**
 * Every failure the domain reports on purpose. Each carries the HTTP status and
 * the stable code of API.md; the http layer maps them in one error handler and
 * nowhere else. Messages are safe to show to the caller.
 */
export type FieldErrors = Record<string, string>;

export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  readonly fields?: FieldErrors;

  constructor(message: string, fields?: FieldErrors) {
    super(message);
    this.name = new.target.name;
    if (fields) this.fields = fields;
  }

  /** A single bad field, e.g. `ValidationError.field('subject', 'must not be empty')`. */
  static field<E extends DomainError>(
    this: new (message: string, fields?: FieldErrors) => E, name: string, why: string,
  ): E {
    return new this(`${name}: ${why}`, { [name]: why });
  }
}

export class ValidationError extends DomainError {
  readonly status = 400;
  readonly code = 'validation_failed';
}

export class UnauthenticatedError extends DomainError {
  readonly status = 401;
  readonly code = 'unauthenticated';
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly code = 'forbidden';
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly code = 'not_found';
}

export class ConflictError extends DomainError {
  readonly status = 409;
  readonly code = 'conflict';
}

/** Well-formed but not something we know, e.g. a CTI event name (API.md: 422). */
export class UnprocessableError extends DomainError {
  readonly status = 422;
  readonly code = 'unprocessable';
}

export class PayloadTooLargeError extends DomainError {
  readonly status = 413;
  readonly code = 'payload_too_large';
}

/** Caseline cannot take this now (a backlog is full); the client may try again. */
export class ServiceUnavailableError extends DomainError {
  readonly status = 503;
  readonly code = 'unavailable';
}

export class RateLimitedError extends DomainError {
  readonly status = 429;
  readonly code = 'rate_limited';

  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}
