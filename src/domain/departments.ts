import type { Db } from '../storage/database.js';
import {
  findDepartment, insertDepartment, listDepartments, renameDepartment,
} from '../storage/departments.js';
import { lockAccount } from '../storage/accounts.js';
import { onUniqueViolation } from '../storage/errors.js';
import { assertAdmin, type Viewer } from './access.js';
import { ConflictError, NotFoundError } from './errors.js';
import type { DepartmentRef } from './types.js';

const nameTaken = () => new ConflictError('A department with that name exists', {
  name: 'is already used by another department',
});

export function departmentsOf(db: Db, viewer: Viewer): Promise<DepartmentRef[]> {
  return listDepartments(db, viewer.accountId);
}

export async function addDepartment(db: Db, viewer: Viewer, name: string) {
  assertAdmin(viewer);
  return db.transaction().execute(async (trx) => {
    await assertNameFree(trx, viewer.accountId, name, null);
    return onUniqueViolation(insertDepartment(trx, viewer.accountId, name), nameTaken);
  });
}

export async function changeDepartment(db: Db, viewer: Viewer, id: number, name: string) {
  assertAdmin(viewer);
  return db.transaction().execute(async (trx) => {
    await requireDepartment(trx, viewer.accountId, id);
    await assertNameFree(trx, viewer.accountId, name, id);
    await onUniqueViolation(renameDepartment(trx, viewer.accountId, id, name), nameTaken);
    return requireDepartment(trx, viewer.accountId, id);
  });
}

/**
 * "Support" and "support" would be two desks no one can tell apart in a list, so
 * names are unique regardless of case. The account's row lock makes the check and
 * the write one step for parallel requests; departments are few, so they are
 * compared here, the same way on both databases.
 */
async function assertNameFree(db: Db, accountId: number, name: string, self: number | null) {
  await lockAccount(db, accountId);
  const folded = fold(name);
  const taken = (await listDepartments(db, accountId))
    .some((d) => d.id !== self && fold(d.name) === folded);
  if (taken) throw nameTaken();
}

const fold = (name: string) => name.normalize('NFC').toLowerCase();

/** A department of this account, or 404 (also for another account's id). */
export async function requireDepartment(
  db: Db, accountId: number, id: number, field?: string,
): Promise<DepartmentRef> {
  const department = await findDepartment(db, accountId, id);
  if (!department) {
    throw new NotFoundError('Department not found', field ? { [field]: 'no such department' }
      : undefined);
  }
  return department;
}
