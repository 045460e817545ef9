/**
 * The one place where Caseline decides who may see and do what.
 *
 * - Tenancy: a Viewer carries its accountId, and every storage query that serves
 *   a viewer filters on it; an id from another account is simply "not found".
 * - Visibility: which message levels a viewer may read and write.
 * - Departments: whose cases a viewer may list and search. Anyone in the
 *   account may open a case by its exact Case #.
 *
 * - The portal: a customer signed in by address reads the public messages of
 *   the cases paired with that address, and nothing else (PortalViewer).
 *
 * Routes never repeat these rules; they pass the Viewer into the domain.
 */
import { ForbiddenError } from './errors.js';
import type { Visibility } from './types.js';

export interface Viewer {
  accountId: number;
  staffId: number;
  name: string;
  departmentId: number;
  admin: boolean;
  supervisor: boolean;
}

/** A customer in the portal: one address of one account, never a member of staff. */
export interface PortalViewer {
  accountId: number;
  /** Lower-cased; the cases it may read are those paired with it and not revoked. */
  email: string;
}

const PORTAL_LEVELS: readonly Visibility[] = Object.freeze(['public']);

/** The portal shows public messages only, whoever wrote them. */
export function portalVisibilities(): readonly Visibility[] {
  return PORTAL_LEVELS;
}

const STAFF_LEVELS: readonly Visibility[] = Object.freeze(['public', 'private']);
const SUPERVISOR_LEVELS: readonly Visibility[] = Object.freeze([
  'public', 'private', 'supervisor',
]);

/** The message levels this viewer may read. Storage takes this list, nothing else. */
export function readableVisibilities(viewer: Viewer): readonly Visibility[] {
  return viewer.supervisor ? SUPERVISOR_LEVELS : STAFF_LEVELS;
}

export function canRead(viewer: Viewer, visibility: Visibility): boolean {
  return readableVisibilities(viewer).includes(visibility);
}

export function assertCanWrite(viewer: Viewer, visibility: Visibility): void {
  if (!canRead(viewer, visibility)) {
    throw new ForbiddenError('Only supervisors may write supervisor messages');
  }
}

/**
 * Whether a message at this level moves the case's "last activity" time. A
 * supervisor note must not: agents would see a case jump up their desk and
 * learn that something they cannot read was written.
 */
export function isActivityForEveryReader(visibility: Visibility): boolean {
  return STAFF_LEVELS.includes(visibility);
}

export function assertAdmin(viewer: Viewer): void {
  if (!viewer.admin) throw new ForbiddenError('Only admins may do this');
}

export function assertSupervisor(viewer: Viewer): void {
  if (!viewer.supervisor) throw new ForbiddenError('Only supervisors may do this');
}

/**
 * Which departments' cases a list or search covers: the viewer's own, or every
 * department (null) for a supervisor who asks for all. An exact Case # look-up
 * is not a search and is not limited by department (PRODUCT.md rule 2).
 */
export function searchDepartment(viewer: Viewer, wantsAll: boolean): number | null {
  if (!wantsAll) return viewer.departmentId;
  if (!viewer.supervisor) {
    throw new ForbiddenError('Only supervisors may search across all departments');
  }
  return null;
}

/**
 * Live `case` events: a member hears of their department's cases (a supervisor
 * of every department's, and anyone of a case they name by its exact Case #),
 * and never of a message at a level they may not read, not even that it exists.
 */
export function hearsCaseEvent(
  viewer: Viewer, e: { departmentId: number; caseNo: number; visibility: Visibility | null },
  namedCaseNos: ReadonlySet<number>,
): boolean {
  if (e.visibility !== null && !canRead(viewer, e.visibility)) return false;
  return viewer.supervisor || e.departmentId === viewer.departmentId
    || namedCaseNos.has(e.caseNo);
}

/** Who a call rings for, from the admins' call routes (domain/call-routing.ts). */
export interface CallAudience {
  departments: readonly number[];
  staff: readonly number[];
}

/**
 * A call pops for its audience, or for every member of the account when no route
 * names one. The pop lists the caller's open cases of every department (PRODUCT.md
 * rule 7), as case summaries only, never message text.
 */
export function hearsCallEvent(viewer: Viewer, audience: CallAudience | null): boolean {
  return audience === null || audience.departments.includes(viewer.departmentId)
    || audience.staff.includes(viewer.staffId);
}

/**
 * The call log: a member sees the calls that rang for them; admins and supervisors,
 * who watch over the team, see every call of the account.
 */
export function seesCall(viewer: Viewer, audience: CallAudience | null): boolean {
  return seesEveryCall(viewer) || hearsCallEvent(viewer, audience);
}

export function seesEveryCall(viewer: Viewer): boolean {
  return viewer.admin || viewer.supervisor;
}

/**
 * A history entry about a message names its visibility; entries about levels
 * the viewer may not read are left out, so not even their existence shows.
 */
export function canSeeHistoryEntry(viewer: Viewer, details: Record<string, unknown>): boolean {
  const level = details.visibility;
  return typeof level !== 'string' || canRead(viewer, level as Visibility);
}
