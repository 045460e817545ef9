import { PayloadTooLargeError, ValidationError } from './errors.js';

/** API.md: a message body is at most 100,000 characters. */
export const MAX_MESSAGE_LENGTH = 100_000;

export function checkMessageBody(body: string, field = 'body'): void {
  if (body.trim() === '') throw ValidationError.field(field, 'must not be empty');
  if (body.length > MAX_MESSAGE_LENGTH) {
    throw new PayloadTooLargeError(`A message is at most ${MAX_MESSAGE_LENGTH} characters`, {
      [field]: `is longer than ${MAX_MESSAGE_LENGTH} characters`,
    });
  }
}
