import { z } from 'zod';
import { caseSummarySchema } from './cases.js';
import { limitParam } from './common.js';
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
  matches: z.array(z.object({ customer: customerSchema, openCases: z.array(caseSummarySchema) })),
});

export const callQuery = z.object({
  state: z.enum(['active', 'all']).default('active'),
  limit: limitParam,
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
