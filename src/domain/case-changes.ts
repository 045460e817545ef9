/**
 * Changing a case: status (close, reopen), subject, contact e-mail, customer and
 * department (a transfer). Each change leaves a history entry in the same
 * transaction.
 */
import type { Db } from '../storage/database.js';
import { updateCaseRow } from '../storage/cases.js';
import type { CaseRow } from '../storage/schema.js';
import { loadCustomers } from '../storage/customers.js';
import { insertHistory } from '../storage/history.js';
import { revokePairingsExcept } from '../storage/pairings.js';
import { now } from '../storage/clock.js';
import type { Viewer } from './access.js';
import { actorOf } from './actors.js';
import { readCase, requireCase } from './cases.js';
import { requireCustomer } from './customers.js';
import { requireDepartment } from './departments.js';
import { ValidationError } from './errors.js';
import { recordCaseEvent } from './live-events.js';
import type { Case, CaseStatus } from './types.js';

export interface CasePatch {
  status?: CaseStatus | undefined;
  subject?: string | undefined;
  contactEmail?: string | null | undefined;
  customerNo?: number | null | undefined;
  departmentId?: number | undefined;
}

type Change = Partial<Pick<CaseRow, 'status' | 'subject' | 'contact_email' | 'customer_id'
  | 'department_id' | 'closed_at'>>;

export async function changeCase(
  db: Db, viewer: Viewer, caseNo: number, patch: CasePatch,
): Promise<Case> {
  await db.transaction().execute(async (trx) => {
    const row = await requireCase(trx, viewer, caseNo);
    const at = now();
    const change: Change = {};
    const history: Array<{ type: string; details?: Record<string, unknown> }> = [];

    if (patch.status !== undefined && patch.status !== row.status) {
      change.status = patch.status;
      change.closed_at = patch.status === 'closed' ? at : null;
      history.push({ type: patch.status === 'closed' ? 'closed' : 'reopened' });
    }
    if (patch.subject !== undefined && patch.subject !== row.subject) {
      change.subject = patch.subject;
      history.push({ type: 'subject_changed', details: { from: row.subject, to: patch.subject } });
    }
    if (patch.departmentId !== undefined && patch.departmentId !== row.department_id) {
      const from = await requireDepartment(trx, viewer.accountId, row.department_id);
      const to = await requireDepartment(trx, viewer.accountId, patch.departmentId,
        'departmentId');
      change.department_id = to.id;
      history.push({ type: 'transferred', details: { from: from.name, to: to.name } });
    }

    let emails: string[] = [];
    if (patch.customerNo !== undefined) {
      const customer = patch.customerNo === null ? null
        : await requireCustomer(trx, viewer.accountId, patch.customerNo, 'customerNo');
      if ((customer?.id ?? null) !== row.customer_id) {
        change.customer_id = customer?.id ?? null;
        history.push({ type: 'customer_changed',
          details: { customerNo: customer?.customerNo ?? null } });
      }
      emails = customer?.emails ?? [];
    } else if (row.customer_id !== null) {
      emails = (await loadCustomers(trx, viewer.accountId, [row.customer_id]))[0]?.emails ?? [];
    }
    const contact = nextContactEmail(row, patch, emails, change.customer_id !== undefined);
    if (contact !== row.contact_email) {
      change.contact_email = contact;
      history.push({ type: 'contact_email_changed', details: { to: contact } });
    }

    // Another customer's case is not the old customer's to follow online any more.
    if (change.customer_id !== undefined) {
      const revoked = await revokePairingsExcept(trx, viewer.accountId, row.id,
        emails.map((e) => e.toLowerCase()));
      if (revoked.length > 0) {
        history.push({ type: 'pairing_revoked',
          details: { pairingIds: revoked, reason: 'customer_changed' } });
      }
    }

    if (history.length === 0) return;
    await updateCaseRow(trx, viewer.accountId, row.id, change, at);
    for (const entry of history) {
      await insertHistory(trx, viewer.accountId, row.id, { ...entry, actor: actorOf(viewer), at });
    }
    // A transfer is news to both desks: the one it left and the one it joined.
    const desks = new Set([row.department_id, change.department_id ?? row.department_id]);
    for (const departmentId of desks) {
      await recordCaseEvent(trx, viewer.accountId, { caseNo: row.case_no, departmentId,
        change: change.status !== undefined ? 'status' : 'updated', visibility: null });
    }
  });
  return readCase(db, viewer, caseNo);
}

/**
 * The contact e-mail must stay one of the customer's addresses: a requested
 * one is checked, and a customer change drops an address the new one lacks.
 */
function nextContactEmail(
  row: CaseRow, patch: CasePatch, emails: string[], customerChanged: boolean,
): string | null {
  if (patch.contactEmail === null) return null;
  if (patch.contactEmail !== undefined) {
    const match = emails.find((e) => e.toLowerCase() === patch.contactEmail!.toLowerCase());
    if (!match) {
      throw ValidationError.field('contactEmail',
        "must be one of the customer's e-mail addresses");
    }
    return match;
  }
  if (!customerChanged) return row.contact_email;
  const kept = emails.find((e) => e.toLowerCase() === row.contact_email?.toLowerCase());
  return kept ?? emails[0] ?? null;
}
