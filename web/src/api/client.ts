/**
 * The one way the web app talks to the server: JSON over fetch with the
 * session cookie. Every failure becomes an ApiError carrying API.md's error
 * shape, so a form can put each field's message next to its field.
 */

export const API_BASE = '/api/v1';

export type FieldErrors = Record<string, string>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldErrors = {},
    /** From Retry-After on a 429, so the page can say when to try again. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /**
   * A 401 normally means the session ended and sends the user to sign in.
   * Sign-in itself and the first "who am I" call expect 401 as an answer.
   */
  expectUnauthenticated?: boolean;
}

let onUnauthenticated: (() => void) | null = null;

/** Called when any request finds the session gone; the app sends the user to /login. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

export async function request<T>(
  method: Method, path: string, options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (options.signal) init.signal = options.signal;
  // Fastify refuses a JSON content type with an empty body, so only a body gets one.
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(API_BASE + path, init);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'The server could not be reached. Try again.');
  }

  if (response.status === 204) return undefined as T;
  const payload = await readJson(response);
  if (response.ok) return payload as T;

  const error = toApiError(response, payload);
  if (error.status === 401 && !options.expectUnauthenticated) onUnauthenticated?.();
  throw error;
}

/** Builds `path?a=1&b=x`, leaving out empty values. */
export function withQuery(
  path: string, params: Record<string, string | number | null | undefined>,
): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    query.set(key, String(value));
  }
  const text = query.toString();
  return text === '' ? path : `${path}?${text}`;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function toApiError(response: Response, payload: unknown): ApiError {
  const retry = Number(response.headers.get('Retry-After'));
  const retryAfter = Number.isFinite(retry) && retry > 0 ? retry : null;
  const body = (payload as { error?: unknown } | null)?.error;
  if (body && typeof body === 'object') {
    const { code, message, fields } = body as { code?: unknown; message?: unknown;
      fields?: unknown };
    return new ApiError(
      response.status,
      typeof code === 'string' ? code : 'error',
      typeof message === 'string' ? message : response.statusText,
      isFieldErrors(fields) ? fields : {},
      retryAfter,
    );
  }
  // Not Caseline's error shape: a proxy or a server that is not running.
  const message = `The server answered ${response.status} ${response.statusText}`.trim();
  return new ApiError(response.status, 'http_error', message, {}, retryAfter);
}

function isFieldErrors(value: unknown): value is FieldErrors {
  return typeof value === 'object' && value !== null
    && Object.values(value).every((v) => typeof v === 'string');
}
