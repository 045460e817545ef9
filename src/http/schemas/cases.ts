import { z } from 'zod';
import { LIMITS } from '../../domain/limits.js';
import { CASE_STATUSES, VISIBILITIES } from '../../domain/types.js';
import { customerBody, customerSchema } from './customers.js';
import { departmentRef, email, idNumber, idValue, limitParam, text } from './common.js';

/** Length is checked by the domain so an over-long body gets 413, not 400. */
const body = z.string();
const visibility = z.enum(VISIBILITIES);

export const caseParams = z.object({ caseNo: idNumber });
export const messageParams = z.object({ caseNo: idNumber, id: idNumber });

export const newCaseBody = z.strictObject({
  subject: text(LIMITS.subject),
  customerNo: idValue.optional(),
  customer: customerBody.optional(),
  contactEmail: email.nullable().optional(),
  message: z.strictObject({ body, visibility }),
});

export const casePatch = z.strictObject({
  status: z.enum(CASE_STATUSES).optional(),
  subject: text(LIMITS.subject).optional(),
  contactEmail: email.nullable().optional(),
  customerNo: idValue.nullable().optional(),
  departmentId: idValue.optional(),
});

export const newMessageBody = z.strictObject({
  body,
  visibility,
  notify: z.boolean().optional(),
  sendPairing: z.boolean().optional(),
});

export const caseQuery = z.object({
  status: z.enum([...CASE_STATUSES, 'all']).optional(),
  caseNo: idNumber.optional(),
  customerNo: idNumber.optional(),
  phone: z.string().trim().min(1).max(64).optional(),
  email: z.string().trim().min(1).max(254).optional(),
  q: z.string().trim().max(200).optional(),
  department: z.literal('all').optional(),
  limit: limitParam,
  cursor: z.string().max(200).optional(),
});

export const messageSchema = z.object({
  id: z.number(),
  visibility,
  body: z.string(),
  author: z.object({
    type: z.enum(['staff', 'customer']), id: z.number().nullable(), name: z.string(),
  }),
  createdAt: z.string(),
  redacted: z.boolean(),
});

export const caseSummarySchema = z.object({
  caseNo: z.number(),
  subject: z.string(),
  status: z.enum(CASE_STATUSES),
  department: departmentRef,
  customer: z.object({ customerNo: z.number(), name: z.string().nullable() }).nullable(),
  contactEmail: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
});

export const caseSchema = caseSummarySchema.extend({
  customer: customerSchema.nullable(),
  createdBy: z.object({ id: z.number(), name: z.string() }),
  messages: z.array(messageSchema),
});

export const addedMessageSchema = z.object({
  message: messageSchema,
  notifications: z.array(z.object({
    id: z.number(), kind: z.string(), to: z.string(), status: z.string(),
  })),
  warnings: z.array(z.object({ kind: z.string(), message: z.string() })),
});

export const historySchema = z.object({
  items: z.array(z.object({
    type: z.string(),
    at: z.string(),
    actor: z.object({ type: z.string(), id: z.number().nullable(), name: z.string() }),
    details: z.record(z.string(), z.unknown()),
    /** The entry as one sentence, e.g. "transferred the case from Sales to Support". */
    summary: z.string(),
  })),
});
