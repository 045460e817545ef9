/**
 * Building blocks of the request and response schemas. Input text is trimmed;
 * limits are generous but finite so no field can carry an unbounded payload.
 */
import { z } from 'zod';
import { LIMITS } from '../../domain/limits.js';

/** A one-line field (a subject, a name): line breaks and other control characters refused. */
export const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max)
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'must be one line without control characters');
export const optionalText = (max: number) =>
  z.string().trim().max(max).transform((s) => (s === '' ? null : s)).nullable().optional();

export const email = z.string().trim().max(LIMITS.email)
  .pipe(z.email('must be an e-mail address'));

/** Digits naming a row: a positive 32-bit integer, as ids are stored. */
const idDigits = (message: string) => z.string().regex(/^[0-9]{1,10}$/, message)
  .transform(Number).pipe(z.number().min(1, message).max(2_147_483_647, message));

/** A numeric path or query id. */
export const idNumber = idDigits('must be a positive whole number');

/** An id inside a JSON body: a positive 32-bit integer, as stored. */
export const idValue = z.number().int('must be a whole number').positive('must be positive')
  .max(2_147_483_647);

/** A page cursor that is a row id: "the id of the last entry of the page before". */
export const idCursor = idDigits('is not a cursor');

export const limitParam = z.string().regex(/^[0-9]{1,3}$/, 'must be a whole number')
  .transform(Number).pipe(z.number().min(1).max(200)).default(50);

export const departmentRef = z.object({ id: z.number(), name: z.string() });

export const staffSchema = z.object({
  id: z.number(),
  name: z.string(),
  email: z.string(),
  department: departmentRef,
  admin: z.boolean(),
  supervisor: z.boolean(),
  active: z.boolean(),
});

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable().optional() });
