import type { Db } from './database.js';
import type { Staff } from '../domain/types.js';
import { now } from './clock.js';

const STAFF_COLUMNS = [
  'staff.id', 'staff.name', 'staff.email', 'staff.admin', 'staff.supervisor',
  'staff.active', 'staff.department_id', 'departments.name as department_name',
] as const;

interface StaffJoinRow {
  id: number;
  name: string;
  email: string;
  admin: number;
  supervisor: number;
  active: number;
  department_id: number;
  department_name: string;
}

function toStaff(row: StaffJoinRow): Staff {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    department: { id: row.department_id, name: row.department_name },
    admin: row.admin === 1,
    supervisor: row.supervisor === 1,
    active: row.active === 1,
  };
}

function selectStaff(db: Db, accountId: number) {
  return db.selectFrom('staff')
    .innerJoin('departments', 'departments.id', 'staff.department_id')
    .select(STAFF_COLUMNS)
    .where('staff.account_id', '=', accountId);
}

export interface NewStaff {
  name: string;
  email: string;
  passwordHash: string;
  departmentId: number;
  admin: boolean;
  supervisor: boolean;
}

export async function insertStaff(db: Db, accountId: number, s: NewStaff): Promise<number> {
  const row = await db.insertInto('staff').values({
    account_id: accountId,
    department_id: s.departmentId,
    name: s.name,
    email: s.email.toLowerCase(),
    password_hash: s.passwordHash,
    admin: s.admin ? 1 : 0,
    supervisor: s.supervisor ? 1 : 0,
    active: 1,
    created_at: now(),
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findStaff(db: Db, accountId: number, id: number) {
  const row = await selectStaff(db, accountId).where('staff.id', '=', id).executeTakeFirst();
  return row && toStaff(row);
}

export async function listStaff(db: Db, accountId: number): Promise<Staff[]> {
  const rows = await selectStaff(db, accountId).orderBy('staff.name').orderBy('staff.id')
    .execute();
  return rows.map(toStaff);
}

/** For sign-in: with findPasswordHash, the only places the password hash leaves storage. */
export function findCredentials(db: Db, accountId: number, email: string) {
  return db.selectFrom('staff')
    .select(['id', 'password_hash', 'active'])
    .where('account_id', '=', accountId)
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
}

/** For a member changing their password, who must first give the current one. */
export async function findPasswordHash(
  db: Db, accountId: number, id: number,
): Promise<string | null> {
  const row = await db.selectFrom('staff').select('password_hash')
    .where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  return row?.password_hash ?? null;
}

/**
 * Sets a new hash only if the stored one is still `expectedHash`, the one the
 * current password was checked against: of two changes racing from the same old
 * password, one wins and the other is told its current password is no longer right.
 */
export async function replacePasswordHash(
  db: Db, accountId: number, id: number, expectedHash: string, newHash: string,
): Promise<boolean> {
  const result = await db.updateTable('staff').set({ password_hash: newHash })
    .where('account_id', '=', accountId).where('id', '=', id)
    .where('password_hash', '=', expectedHash).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function updateStaff(
  db: Db,
  accountId: number,
  id: number,
  patch: { name?: string; departmentId?: number; admin?: boolean; supervisor?: boolean;
    active?: boolean; passwordHash?: string },
): Promise<void> {
  const values = {
    ...(patch.passwordHash !== undefined && { password_hash: patch.passwordHash }),
    ...(patch.name !== undefined && { name: patch.name }),
    ...(patch.departmentId !== undefined && { department_id: patch.departmentId }),
    ...(patch.admin !== undefined && { admin: patch.admin ? 1 : 0 }),
    ...(patch.supervisor !== undefined && { supervisor: patch.supervisor ? 1 : 0 }),
    ...(patch.active !== undefined && { active: patch.active ? 1 : 0 }),
  };
  if (Object.keys(values).length === 0) return;
  await db.updateTable('staff').set(values)
    .where('account_id', '=', accountId).where('id', '=', id).execute();
}

export async function countActiveAdmins(db: Db, accountId: number): Promise<number> {
  const row = await db.selectFrom('staff').select((eb) => eb.fn.countAll().as('n'))
    .where('account_id', '=', accountId).where('admin', '=', 1).where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
