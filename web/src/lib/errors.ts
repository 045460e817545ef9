/** Turning an ApiError into the words a form shows, field by field. */
import { ApiError, type FieldErrors } from '../api/client';

export function fieldErrorsOf(error: unknown): FieldErrors {
  return error instanceof ApiError ? error.fields : {};
}

/** One sentence for the top of a form or page. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return `Not allowed: ${error.message}`;
    if (error.status === 429) {
      const wait = error.retryAfterSeconds;
      return wait === null ? 'Too many attempts. Please wait a moment and try again.'
        : `Too many attempts. Try again in ${formatWait(wait)}.`;
    }
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${Math.ceil(seconds)} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}
