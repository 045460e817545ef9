import type { Db } from './database.js';
import type { DepartmentRef } from '../domain/types.js';
import { now } from './clock.js';

export async function insertDepartment(
  db: Db, accountId: number, name: string,
): Promise<DepartmentRef> {
  return db.insertInto('departments')
    .values({ account_id: accountId, name, created_at: now() })
    .returning(['id', 'name']).executeTakeFirstOrThrow();
}

export function listDepartments(db: Db, accountId: number): Promise<DepartmentRef[]> {
  return db.selectFrom('departments').select(['id', 'name'])
    .where('account_id', '=', accountId).orderBy('name').orderBy('id').execute();
}

export function findDepartment(
  db: Db, accountId: number, id: number,
): Promise<DepartmentRef | undefined> {
  return db.selectFrom('departments').select(['id', 'name'])
    .where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
}

export function findDepartmentByName(
  db: Db, accountId: number, name: string,
): Promise<DepartmentRef | undefined> {
  return db.selectFrom('departments').select(['id', 'name'])
    .where('account_id', '=', accountId).where('name', '=', name).executeTakeFirst();
}

export async function renameDepartment(
  db: Db, accountId: number, id: number, name: string,
): Promise<void> {
  await db.updateTable('departments').set({ name })
    .where('account_id', '=', accountId).where('id', '=', id).execute();
}
