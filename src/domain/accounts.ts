/**
 * Company accounts: sign-up creates the account, its first department and its
 * first admin together, or nothing at all.
 */
import type { Db } from '../storage/database.js';
import {
  findAccountById, findAccountBySlug, insertAccount, updateAccount,
} from '../storage/accounts.js';
import { insertDepartment } from '../storage/departments.js';
import { insertStaff } from '../storage/staff.js';
import { onUniqueViolation } from '../storage/errors.js';
import { assertAdmin, type Viewer } from './access.js';
import { ConflictError, NotFoundError, ValidationError } from './errors.js';
import { hashPassword } from './passwords.js';
import { isValidRegion } from './phone.js';
import type { Account } from './types.js';

export interface SignupInput {
  accountName: string;
  accountSlug?: string | undefined;
  adminName: string;
  adminEmail: string;
  password: string;
  defaultRegion?: string | undefined;
  timezone?: string | undefined;
}

export const FIRST_DEPARTMENT = 'General';

export async function signUp(db: Db, input: SignupInput) {
  const defaultRegion = checkRegion(input.defaultRegion ?? 'US', 'defaultRegion');
  const timezone = checkTimezone(input.timezone ?? 'UTC', 'timezone');
  const passwordHash = await hashPassword(input.password);

  // A slug chosen for the user can be taken by a sign-up running at the same
  // moment; then the next free one is chosen. A slug the user typed is theirs
  // to change, so its conflict is reported.
  for (let attempt = 1; ; attempt++) {
    try {
      return await createAccountRows(db, input, { defaultRegion, timezone, passwordHash });
    } catch (err) {
      const slugTaken = err instanceof ConflictError && err.fields?.accountSlug !== undefined;
      if (!slugTaken || input.accountSlug !== undefined || attempt >= 5) throw err;
    }
  }
}

function createAccountRows(
  db: Db, input: SignupInput,
  settled: { defaultRegion: string; timezone: string; passwordHash: string },
) {
  const { defaultRegion, timezone, passwordHash } = settled;
  return db.transaction().execute(async (trx) => {
    const slug = input.accountSlug ?? (await freeSlug(trx, slugify(input.accountName)));
    const account = await onUniqueViolation(
      insertAccount(trx, { slug, name: input.accountName, defaultRegion, timezone }),
      () => new ConflictError('That account address is taken', {
        accountSlug: 'is already taken',
      }),
    );
    const department = await insertDepartment(trx, account.id, FIRST_DEPARTMENT);
    const staffId = await insertStaff(trx, account.id, {
      name: input.adminName, email: input.adminEmail, passwordHash,
      departmentId: department.id, admin: true, supervisor: true,
    });
    return { account, staffId };
  });
}

/** The account's settings page: admins only. */
export async function accountSettings(db: Db, viewer: Viewer): Promise<Account> {
  assertAdmin(viewer);
  return getAccount(db, viewer);
}

/** The account the viewer works in, as any member may know it. */
export async function getAccount(db: Db, viewer: Viewer): Promise<Account> {
  const account = await findAccountById(db, viewer.accountId);
  if (!account) throw new NotFoundError('Account not found');
  return account;
}

export async function changeAccount(
  db: Db, viewer: Viewer,
  patch: Partial<Pick<Account, 'name' | 'defaultRegion' | 'timezone' | 'mailFrom'>>,
  senderDomains: readonly string[] = [],
): Promise<Account> {
  assertAdmin(viewer);
  if (patch.mailFrom != null && !isSenderAllowed(patch.mailFrom, senderDomains)) {
    throw ValidationError.field('mailFrom',
      `must be an address at ${senderDomains.join(' or ') || 'a domain the server allows'}`);
  }
  if (patch.defaultRegion !== undefined) {
    patch = { ...patch, defaultRegion: checkRegion(patch.defaultRegion, 'defaultRegion') };
  }
  if (patch.timezone !== undefined) checkTimezone(patch.timezone, 'timezone');
  await updateAccount(db, viewer.accountId, patch);
  return getAccount(db, viewer);
}

/** Whether mail may go out from this address (MAIL_SENDER_DOMAINS). */
export function isSenderAllowed(address: string, senderDomains: readonly string[]): boolean {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  return senderDomains.includes(domain);
}

export function findAccountForSignIn(db: Db, slug: string) {
  return findAccountBySlug(db, slug.toLowerCase());
}

export function slugify(name: string): string {
  const slug = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
  return slug.length >= 2 ? slug : `account-${slug}`.replace(/-$/, '');
}

async function freeSlug(db: Db, base: string): Promise<string> {
  for (let n = 1; n <= 50; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await findAccountBySlug(db, candidate))) return candidate;
  }
  return `${base}-${Date.now().toString(36)}`;
}

function checkRegion(region: string, field: string): string {
  const upper = region.toUpperCase();
  if (!isValidRegion(upper)) throw ValidationError.field(field, 'is not a known country code');
  return upper;
}

function checkTimezone(timezone: string, field: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return timezone;
  } catch {
    throw ValidationError.field(field, 'is not a known IANA time zone');
  }
}
