/**
 * An account's call routes: which department or person a call rings for when its
 * number called, queue or one of its user names has a given value.
 */
import { sql } from 'kysely';
import type { Db } from './database.js';
import type { CallRouteField } from './schema-calls.js';
import { now } from './clock.js';
import { preparedQuery } from './prepared.js';

export interface RouteKey {
  field: CallRouteField;
  value_key: string;
  department_id: number | null;
  staff_id: number | null;
}

// Read on every webhook event: built once (see prepared.ts).
const routeKeys = preparedQuery((db, p: { accountId: number }) =>
  db.selectFrom('call_routes')
    .select(['field', 'value_key', 'department_id', 'staff_id'])
    .where('account_id', '=', p.accountId)
    .where((w) => w.exists(w.selectFrom('staff').select('staff.id')
      .where('staff.account_id', '=', p.accountId).where('staff.active', '=', sql.lit(1))
      .where((s) => s.or([s('staff.id', '=', s.ref('call_routes.staff_id')),
        s('staff.department_id', '=', s.ref('call_routes.department_id'))])))));

/**
 * The routes that can ring for someone: a route to a deactivated person, or to a
 * department with no active member, is left out, so a call it alone would match
 * rings for everyone rather than for no one.
 */
export function routeKeysOf(db: Db, accountId: number): Promise<RouteKey[]> {
  return routeKeys(db, { accountId });
}

export function listCallRoutes(db: Db, accountId: number) {
  return db.selectFrom('call_routes')
    .leftJoin('departments', 'departments.id', 'call_routes.department_id')
    .leftJoin('staff', 'staff.id', 'call_routes.staff_id')
    .select(['call_routes.id', 'call_routes.field', 'call_routes.value',
      'call_routes.department_id', 'departments.name as department_name',
      'call_routes.staff_id', 'staff.name as staff_name', 'call_routes.created_at'])
    .where('call_routes.account_id', '=', accountId)
    .orderBy('call_routes.field').orderBy('call_routes.value_key').orderBy('call_routes.id')
    .execute();
}

export type CallRouteListRow = Awaited<ReturnType<typeof listCallRoutes>>[number];

export async function insertCallRoute(
  db: Db, accountId: number,
  r: { field: CallRouteField; value: string; valueKey: string;
    departmentId: number | null; staffId: number | null },
): Promise<number> {
  const row = await db.insertInto('call_routes').values({
    account_id: accountId, field: r.field, value: r.value, value_key: r.valueKey,
    department_id: r.departmentId, staff_id: r.staffId,
    target_key: r.departmentId !== null ? `d:${r.departmentId}` : `s:${r.staffId}`,
    created_at: now(),
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteCallRoute(db: Db, accountId: number, id: number): Promise<boolean> {
  const result = await db.deleteFrom('call_routes')
    .where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
