import type { Db } from '../storage/database.js';
import { onUniqueViolation } from '../storage/errors.js';
import { findDepartmentByName, insertDepartment } from '../storage/departments.js';
import { deleteApiTokensOfStaff, deleteSessionsOfStaff } from '../storage/sessions.js';
import { findAccountById, lockAccount } from '../storage/accounts.js';
import {
  countActiveAdmins, findCredentials, findStaff, insertStaff, listStaff, updateStaff,
} from '../storage/staff.js';
import { assertAdmin, type Viewer } from './access.js';
import { endCredentials, passwordChangeThrottleKey, signInThrottleKey } from './auth.js';
import { requireDepartment } from './departments.js';
import { ConflictError, NotFoundError, ValidationError } from './errors.js';
import { recordStaffEvent } from './live-events.js';
import { hashPassword } from './passwords.js';
import { forgiveAttempts } from './throttle.js';
import type { Staff } from './types.js';

export interface NewStaffInput {
  name: string;
  email: string;
  password: string;
  departmentId: number;
  admin?: boolean | undefined;
  supervisor?: boolean | undefined;
}

export interface StaffPatch {
  name?: string | undefined;
  departmentId?: number | undefined;
  admin?: boolean | undefined;
  supervisor?: boolean | undefined;
  active?: boolean | undefined;
  /** A new password set by an admin (a reset: no current password asked). */
  password?: string | undefined;
}

/** The signed-in member's own profile. */
export async function me(
  db: Db, who: Pick<Viewer, 'accountId' | 'staffId'>,
): Promise<Staff> {
  return requireStaff(db, who.accountId, who.staffId);
}

export function staffOf(db: Db, viewer: Viewer): Promise<Staff[]> {
  assertAdmin(viewer);
  return listStaff(db, viewer.accountId);
}

export async function addStaff(db: Db, viewer: Viewer, input: NewStaffInput): Promise<Staff> {
  assertAdmin(viewer);
  return addStaffToAccount(db, viewer.accountId, input);
}

/** Also used by the CLI, which acts for the operator rather than a signed-in admin. */
export async function addStaffToAccount(
  db: Db, accountId: number, input: NewStaffInput,
): Promise<Staff> {
  await requireDepartment(db, accountId, input.departmentId, 'departmentId');
  const passwordHash = await hashPassword(input.password);
  const id = await onUniqueViolation(
    insertStaff(db, accountId, {
      name: input.name, email: input.email, passwordHash, departmentId: input.departmentId,
      admin: input.admin ?? false, supervisor: input.supervisor ?? false,
    }),
    () => new ConflictError('A member of staff already uses that e-mail', {
      email: 'is already used by staff of this account',
    }),
  );
  return requireStaff(db, accountId, id);
}

/**
 * The CLI's way in: the department is named, and created when the account has
 * none of that name, in the same transaction as the member, so a refused
 * member leaves no new department behind.
 */
export async function addStaffToNamedDepartment(
  db: Db, accountId: number, input: Omit<NewStaffInput, 'departmentId'>, departmentName: string,
): Promise<Staff> {
  return db.transaction().execute(async (trx) => {
    const department = await findDepartmentByName(trx, accountId, departmentName)
      ?? await insertDepartment(trx, accountId, departmentName);
    return addStaffToAccount(trx, accountId, { ...input, departmentId: department.id });
  });
}

export async function changeStaff(
  db: Db, viewer: Viewer, id: number, patch: StaffPatch,
): Promise<Staff> {
  assertAdmin(viewer);
  const { password, ...fields } = patch;
  // A reset asks for no current password, so a stolen admin session or token could
  // take the admin's own sign-in for good; their own goes through POST /me/password.
  if (password !== undefined && id === viewer.staffId) {
    throw ValidationError.field('password',
      'is your own: change it under Change password, giving the current one');
  }
  // Hashing is slow; done before the transaction so the account's lock is not held for it.
  const passwordHash = password === undefined ? undefined : await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    await lockAccount(trx, viewer.accountId);
    const current = await requireStaff(trx, viewer.accountId, id);
    if (patch.departmentId !== undefined) {
      await requireDepartment(trx, viewer.accountId, patch.departmentId, 'departmentId');
    }
    await updateStaff(trx, viewer.accountId, id, { ...fields, passwordHash });

    // An account must keep someone who can administer it.
    const losesAdmin = current.admin && current.active
      && (patch.admin === false || patch.active === false);
    if (losesAdmin && (await countActiveAdmins(trx, viewer.accountId)) === 0) {
      throw new ConflictError('The account needs at least one active admin', {
        [patch.active === false ? 'active' : 'admin']: 'would leave the account without an admin',
      });
    }
    if (passwordHash !== undefined) await afterPasswordReset(trx, viewer.accountId, current);
    // A deactivated member's credentials end now; reactivation starts them afresh.
    if (patch.active === false) {
      await deleteSessionsOfStaff(trx, viewer.accountId, id);
      await deleteApiTokensOfStaff(trx, viewer.accountId, id);
    }
    await recordStaffEvent(trx, viewer.accountId, id);
    return requireStaff(trx, viewer.accountId, id);
  });
}

/**
 * Whoever held the member's sessions and tokens is out, and their sign-in lock
 * lifts: a member locked out by someone guessing at their e-mail signs in with
 * the new password at once.
 */
async function afterPasswordReset(trx: Db, accountId: number, member: Staff): Promise<void> {
  await endCredentials(trx, accountId, member.id, undefined);
  const account = await findAccountById(trx, accountId);
  if (account) await forgiveAttempts(trx, signInThrottleKey(account.slug, member.email));
  await forgiveAttempts(trx, passwordChangeThrottleKey(accountId, member.id));
}

/**
 * `caseline staff password`: whoever runs the server sets a member's password, admins
 * included — the way back in for an account's only admin, whom no one else can reset
 * and whom a stranger can keep locked out of sign-in by guessing at their e-mail.
 */
export async function setPasswordFromServer(
  db: Db, accountId: number, email: string, password: string,
): Promise<Staff> {
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const credentials = await findCredentials(trx, accountId, email);
    if (!credentials) throw NotFoundError.field('--email', 'no member with that e-mail');
    const member = await requireStaff(trx, accountId, credentials.id);
    await updateStaff(trx, accountId, member.id, { passwordHash });
    await afterPasswordReset(trx, accountId, member);
    await recordStaffEvent(trx, accountId, member.id);
    return member;
  });
}

async function requireStaff(db: Db, accountId: number, id: number): Promise<Staff> {
  const staff = await findStaff(db, accountId, id);
  if (!staff) throw new NotFoundError('Staff member not found');
  return staff;
}
