/**
 * Who a call rings for. With no routes, every signed-in member of the account
 * (PRODUCT.md rule 7: "the staff who take calls"). Admins may route calls by the
 * number called (`to`), the PBX's `queue`, or one of the `user` names it rang, to
 * a department or one person; a call that matches routes rings for all of them
 * together, and a call that matches none still rings for everyone, so a new
 * number or queue is never silently lost.
 */
import type { Db } from '../storage/database.js';
import {
  deleteCallRoute, insertCallRoute, listCallRoutes, type CallRouteListRow, type RouteKey,
} from '../storage/call-routes.js';
import { findStaff } from '../storage/staff.js';
import type { CallRouteField } from '../storage/schema-calls.js';
import { onUniqueViolation } from '../storage/errors.js';
import { assertAdmin, type CallAudience, type Viewer } from './access.js';
import { accountRegion } from './customers.js';
import { requireDepartment } from './departments.js';
import { ConflictError, NotFoundError, ValidationError } from './errors.js';
import { normalizePhone } from './phone.js';

export const CALL_ROUTE_FIELDS = ['to', 'queue', 'user'] as const;

export interface CallRoute {
  id: number;
  field: CallRouteField;
  value: string;
  department: { id: number; name: string } | null;
  staff: { id: number; name: string } | null;
  createdAt: string;
}

/**
 * What a value is compared by: a number called as E.164, so "+1 212 555 0100" and
 * "(212) 555-0100" are one route, and a short number or extension by its digits;
 * queue and user names without regard to case.
 */
export function routeValueKey(field: CallRouteField, value: string, region: string): string {
  const text = value.trim().normalize('NFC');
  if (field === 'to') {
    const { e164 } = normalizePhone(text, region);
    if (e164 !== null) return e164;
    // An extension or short number ("555-0100", "100"): its digits, however written.
    const digits = text.replace(/[\s().\-/]/g, '');
    if (/^\+?[0-9]+$/.test(digits)) return digits;
  }
  return text.toLowerCase();
}

/** The audience of a call with these fields under these routes; null: everyone. */
export function audienceOf(
  routes: readonly RouteKey[], call: { to: string | null; queue: string | null; users: string[] },
  region: string,
): CallAudience | null {
  if (routes.length === 0) return null;
  const keys: Record<CallRouteField, Set<string>> = {
    to: new Set(call.to === null ? [] : [routeValueKey('to', call.to, region)]),
    queue: new Set(call.queue === null ? [] : [routeValueKey('queue', call.queue, region)]),
    user: new Set(call.users.map((u) => routeValueKey('user', u, region))),
  };
  const departments = new Set<number>();
  const staff = new Set<number>();
  for (const route of routes) {
    if (!keys[route.field].has(route.value_key)) continue;
    if (route.department_id !== null) departments.add(route.department_id);
    if (route.staff_id !== null) staff.add(route.staff_id);
  }
  if (departments.size === 0 && staff.size === 0) return null;
  return { departments: [...departments].sort((a, b) => a - b),
    staff: [...staff].sort((a, b) => a - b) };
}

export async function callRoutesOf(db: Db, viewer: Viewer): Promise<CallRoute[]> {
  assertAdmin(viewer);
  return (await listCallRoutes(db, viewer.accountId)).map(toCallRoute);
}

export async function addCallRoute(
  db: Db, viewer: Viewer,
  input: { field: CallRouteField; value: string; departmentId?: number | undefined;
    staffId?: number | undefined },
): Promise<CallRoute> {
  assertAdmin(viewer);
  const departmentId = input.departmentId ?? null;
  const staffId = input.staffId ?? null;
  if ((departmentId === null) === (staffId === null)) {
    throw ValidationError.field(departmentId === null ? 'departmentId' : 'staffId',
      'give either a department or a staff member, not both and not neither');
  }
  if (departmentId !== null) {
    await requireDepartment(db, viewer.accountId, departmentId, 'departmentId');
  } else if (!(await findStaff(db, viewer.accountId, staffId!))) {
    throw new NotFoundError('Staff member not found', { staffId: 'no such staff member' });
  }
  const region = await accountRegion(db, viewer.accountId);
  const valueKey = routeValueKey(input.field, input.value, region);
  if (valueKey === '') throw ValidationError.field('value', 'must not be empty');
  // A number called is compared as a number: anything else could never match a call.
  if (input.field === 'to' && !/^\+?[0-9]+$/.test(valueKey)) {
    throw ValidationError.field('value', 'is not a phone number or extension');
  }
  const id = await onUniqueViolation(insertCallRoute(db, viewer.accountId, {
    field: input.field, value: input.value.trim(), valueKey, departmentId, staffId,
  }), () => new ConflictError('That route exists already', { value: 'is routed there already' }));
  const route = (await listCallRoutes(db, viewer.accountId)).find((r) => r.id === id);
  return toCallRoute(route!);
}

export async function removeCallRoute(db: Db, viewer: Viewer, id: number): Promise<void> {
  assertAdmin(viewer);
  if (!(await deleteCallRoute(db, viewer.accountId, id))) {
    throw new NotFoundError('Call route not found');
  }
}

function toCallRoute(r: CallRouteListRow): CallRoute {
  return {
    id: r.id, field: r.field, value: r.value,
    department: r.department_id === null ? null
      : { id: r.department_id, name: r.department_name ?? '' },
    staff: r.staff_id === null ? null : { id: r.staff_id, name: r.staff_name ?? '' },
    createdAt: r.created_at,
  };
}
