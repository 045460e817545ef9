import type { Db } from '../storage/database.js';
import {
  findDepartment, insertDepartment, listDepartments, renameDepartment,
} from '../storage/departments.js';
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
  return onUniqueViolation(insertDepartment(db, viewer.accountId, name), nameTaken);
}

export async function changeDepartment(db: Db, viewer: Viewer, id: number, name: string) {
  assertAdmin(viewer);
  await requireDepartment(db, viewer.accountId, id);
  await onUniqueViolation(renameDepartment(db, viewer.accountId, id, name), nameTaken);
  return requireDepartment(db, viewer.accountId, id);
}

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
