import { z } from 'zod';
import { LIMITS } from '../../domain/limits.js';
import { email, idNumber, limitParam, optionalText } from './common.js';

const phone = z.string().trim().min(1, 'must not be empty').max(LIMITS.phone);

export const customerBody = z.strictObject({
  name: optionalText(LIMITS.personName),
  phones: z.array(phone).max(20).optional(),
  emails: z.array(email).max(20).optional(),
  address: optionalText(1000),
  note: optionalText(10_000),
  externalRef: optionalText(LIMITS.externalRef),
});

export const customerSchema = z.object({
  id: z.number(),
  customerNo: z.number(),
  name: z.string().nullable(),
  phones: z.array(z.object({ raw: z.string(), e164: z.string().nullable() })),
  emails: z.array(z.string()),
  address: z.string().nullable(),
  note: z.string().nullable(),
  externalRef: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const customerQuery = z.object({
  phone: z.string().trim().min(1).max(64).optional(),
  email: z.string().trim().min(1).max(254).optional(),
  q: z.string().trim().max(200).optional(),
  limit: limitParam,
});

export const customerParams = z.object({ customerNo: idNumber });
