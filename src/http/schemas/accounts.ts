import { z } from 'zod';
import { LIMITS } from '../../domain/limits.js';
import { MIN_PASSWORD_LENGTH } from '../../domain/passwords.js';
import { departmentRef, email, idValue, staffSchema, text } from './common.js';

export const password = z.string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(1000);

export const slug = z.string().trim().toLowerCase().min(2).max(40)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'letters, digits and dashes only');

export const region = z.string().trim().regex(/^[A-Za-z]{2}$/, 'must be a two-letter country code');
export const timezone = z.string().trim().min(1).max(64);

export const signupBody = z.strictObject({
  accountName: text(200),
  accountSlug: slug.optional(),
  adminName: text(200),
  adminEmail: email,
  password,
  defaultRegion: region.optional(),
  timezone: timezone.optional(),
});

export const accountRef = z.object({ id: z.number(), slug: z.string(), name: z.string() });
export const signupResponse = z.object({ account: accountRef, user: staffSchema });

export const loginBody = z.strictObject({
  account: z.string().trim().min(1).max(100),
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1000),
});

export const passwordChangeBody = z.strictObject({
  currentPassword: z.string().min(1, 'must not be empty').max(1000),
  newPassword: password,
});

export const tokenBody = z.strictObject({ name: text(100) });
export const tokenResponse = z.object({ id: z.number(), name: z.string(), token: z.string() });

export const accountSchema = z.object({
  id: z.number(), slug: z.string(), name: z.string(), defaultRegion: z.string(),
  timezone: z.string(), mailFrom: z.string().nullable(),
});

export const accountPatch = z.strictObject({
  name: text(200).optional(),
  defaultRegion: region.optional(),
  timezone: timezone.optional(),
  mailFrom: email.nullable().optional(),
});

export const departmentBody = z.strictObject({ name: text(LIMITS.departmentName) });
export const departmentList = z.object({ items: z.array(departmentRef) });

export const newStaffBody = z.strictObject({
  name: text(200),
  email,
  password,
  departmentId: idValue,
  admin: z.boolean().optional(),
  supervisor: z.boolean().optional(),
});

export const staffPatch = z.strictObject({
  name: text(200).optional(),
  departmentId: idValue.optional(),
  admin: z.boolean().optional(),
  supervisor: z.boolean().optional(),
  active: z.boolean().optional(),
  password: password.optional(),
});
