import { z } from 'zod';
import { CASE_STATUSES } from '../../domain/types.js';
import { idNumber, idValue } from './common.js';

const secret = z.string().trim().min(10, 'is not a valid link').max(200)
  .regex(/^[A-Za-z0-9_-]+$/, 'is not a valid link');

/** Either the link's token, or account + Case # + code as typed from the mail. */
export const pairBody = z.strictObject({
  token: secret.optional(),
  account: z.string().trim().min(1, 'must not be empty').max(60).optional(),
  caseNo: idValue.optional(),
  code: z.string().trim().min(1, 'must not be empty').max(40).optional(),
}).superRefine((b, ctx) => {
  if (b.token !== undefined) {
    for (const key of ['account', 'caseNo', 'code'] as const) {
      if (b[key] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'is not used with token' });
      }
    }
    return;
  }
  for (const key of ['account', 'caseNo', 'code'] as const) {
    if (b[key] === undefined) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'is required without token' });
    }
  }
}).transform((b): PairBy => (b.token !== undefined ? { token: b.token }
  : { account: b.account!, caseNo: b.caseNo!, code: b.code! }));

type PairBy = { token: string } | { account: string; caseNo: number; code: string };

export const portalLoginBody = z.strictObject({
  account: z.string().trim().min(1, 'must not be empty').max(60),
  email: z.string().trim().min(1, 'must not be empty').max(254),
});

export const portalSessionBody = z.strictObject({ token: secret });

export const portalReplyBody = z.strictObject({ body: z.string() });

export const portalCaseParams = z.object({ caseNo: idNumber });

export const portalMessageSchema = z.object({
  id: z.number(), body: z.string(),
  author: z.object({ type: z.enum(['staff', 'customer']), name: z.string() }),
  createdAt: z.string(),
});

export const portalCaseSchema = z.object({
  caseNo: z.number(), subject: z.string(), status: z.enum(CASE_STATUSES),
  createdAt: z.string(), updatedAt: z.string(),
  messages: z.array(portalMessageSchema).optional(),
});

export const pairingSchema = z.object({
  id: z.number(), email: z.string(), createdAt: z.string(), lastSeenAt: z.string().nullable(),
  pairedAt: z.string().nullable(), expiresAt: z.string(),
});
