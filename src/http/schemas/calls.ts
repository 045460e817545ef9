import { z } from 'zod';
import { caseSummarySchema } from './cases.js';
import { departmentRef, idValue, limitParam, text } from './common.js';
import { customerSchema } from './customers.js';

export const callSchema = z.object({
  callId: z.string(),
  direction: z.enum(['in', 'out']),
  from: z.string().nullable(),
  fromE164: z.string().nullable(),
  to: z.string().nullable(),
  state: z.enum(['ringing', 'answered', 'ended']),
  startedAt: z.string(),
  answeredAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  answeredBy: z.string().nullable(),
  cause: z.string().nullable(),
  missed: z.boolean(),
  queue: z.string().nullable(),
  users: z.array(z.string()),
  /** The call rings for this member (its routes name them, or it has none). */
  ringsForYou: z.boolean(),
  matches: z.array(z.object({ customer: customerSchema, openCases: z.array(caseSummarySchema) })),
});

export const callQuery = z.object({
  state: z.enum(['active', 'all']).default('active'),
  limit: limitParam,
  cursor: z.string().max(200).optional(),
});

export const telephonySchema = z.object({ webhookUrl: z.string(), token: z.string() });

export const blockedNumberSchema = z.object({
  id: z.number(), number: z.string(), e164: z.string(), note: z.string().nullable(),
  createdAt: z.string(),
});

export const blockBody = z.strictObject({
  number: z.string().trim().min(1, 'must not be empty').max(64),
  note: z.string().trim().max(500).nullable().optional(),
});

export const callRouteSchema = z.object({
  id: z.number(),
  field: z.enum(['to', 'queue', 'user']),
  value: z.string(),
  department: departmentRef.nullable(),
  staff: z.object({ id: z.number(), name: z.string() }).nullable(),
  createdAt: z.string(),
});

export const callRouteBody = z.strictObject({
  field: z.enum(['to', 'queue', 'user']),
  value: text(200),
  departmentId: idValue.optional(),
  staffId: idValue.optional(),
});
