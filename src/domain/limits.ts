/**
 * Sizes and formats of the fields that every way in shares: the API's schemas,
 * the CLI and the conversation import all check against these, so a value the
 * API would refuse cannot slip in by another door.
 */
import { z } from 'zod';

export const LIMITS = {
  subject: 200,
  departmentName: 100,
  personName: 200,
  phone: 64,
  email: 254,
  externalRef: 200,
} as const;

const emailAddress = z.email();

export function isEmailAddress(text: string): boolean {
  return text.length <= LIMITS.email && emailAddress.safeParse(text).success;
}

/** PostgreSQL cannot store U+0000 in text; SQLite could, but it is never meant. */
export function hasNulCharacter(text: string): boolean {
  return text.includes('\u0000');
}
