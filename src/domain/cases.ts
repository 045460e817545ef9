/**
 * Cases: opening, reading, listing and changing them. Reads go through
 * `readCase`, which applies the viewer's visibility to the thread; lists go
 * through `listCases`, which applies the department rule.
 */
import type { Db } from '../storage/database.js';
import {
  findCaseDetail, findCaseRow, insertCase, listCaseSummaries,
} from '../storage/cases.js';
import type { CaseRow } from '../storage/schema.js';
import { findCustomerIdByNo, loadCustomer } from '../storage/customers.js';
import { insertHistory, listHistory } from '../storage/history.js';
import { insertMessage, listMessages, type NewMessageFields } from '../storage/messages.js';
import { caseMatchesWords, searchWords } from '../storage/text-search.js';
import { recordCaseEvent } from './live-events.js';
import type { DialectName } from '../storage/database.js';
import { decodeCursor, encodeCursor, type TimeKey } from './cursors.js';
import { describeHistoryEntry } from './history-text.js';
import {
  assertCanWrite, canSeeHistoryEntry, readableVisibilities, searchDepartment, type Viewer,
} from './access.js';
import { actorOf } from './actors.js';
import { createCustomer, customerIdsMatching, requireCustomer, type CustomerInput } from
  './customers.js';
import { NotFoundError, ValidationError } from './errors.js';
import { checkMessageBody } from './message-rules.js';
import type {
  Case, CaseStatus, CaseSummary, Customer, DescribedHistoryEntry, HistoryEntry, Visibility,
} from './types.js';

export interface OpenCaseInput {
  subject: string;
  customerNo?: number | undefined;
  customer?: CustomerInput | undefined;
  contactEmail?: string | null | undefined;
  message: { body: string; visibility: Visibility };
}

export async function openCase(db: Db, viewer: Viewer, input: OpenCaseInput): Promise<Case> {
  if (input.customerNo !== undefined && input.customer !== undefined) {
    throw ValidationError.field('customer', 'give either customerNo or customer, not both');
  }
  assertCanWrite(viewer, input.message.visibility);
  checkMessageBody(input.message.body, 'message.body');

  const caseNo = await db.transaction().execute(async (trx) => {
    const customer = input.customer !== undefined
      ? await createCustomer(trx, viewer, input.customer)
      : input.customerNo !== undefined
        ? await requireCustomer(trx, viewer.accountId, input.customerNo, 'customerNo')
        : null;
    const row = await startCase(trx, viewer, {
      subject: input.subject, departmentId: viewer.departmentId, customer,
      contactEmail: input.contactEmail,
      message: { ...input.message,
        author: { type: 'staff', staffId: viewer.staffId, name: viewer.name } },
    });
    return row.case_no;
  });
  return readCase(db, viewer, caseNo);
}

export interface CaseStart {
  subject: string;
  departmentId: number;
  customer: Customer | null;
  /** As in OpenCaseInput: undefined picks the customer's first address. */
  contactEmail?: string | null | undefined;
  message: { body: string; visibility: Visibility; author: NewMessageFields['author'] };
  /** Kept in the "opened" history entry, e.g. where the case came from. */
  openedDetails?: Record<string, unknown>;
}

/**
 * Writes a new case in the caller's transaction: the case with the next Case #, its
 * first message, the "opened" history entry by the viewer and the live event. The
 * caller has checked the message and chosen the department and customer.
 */
export async function startCase(trx: Db, viewer: Viewer, start: CaseStart): Promise<CaseRow> {
  const row = await insertCase(trx, viewer.accountId, {
    subject: start.subject, departmentId: start.departmentId,
    customerId: start.customer?.id ?? null,
    contactEmail: chooseContactEmail(start.customer, start.contactEmail),
    createdByStaffId: viewer.staffId,
  });
  await insertMessage(trx, viewer.accountId, row.id, {
    visibility: start.message.visibility, body: start.message.body,
    author: start.message.author, createdAt: row.created_at,
  });
  await insertHistory(trx, viewer.accountId, row.id, {
    type: 'opened', actor: actorOf(viewer), at: row.created_at,
    ...(start.openedDetails && { details: start.openedDetails }),
  });
  await recordCaseEvent(trx, viewer.accountId, { caseNo: row.case_no,
    departmentId: row.department_id, change: 'created', visibility: null });
  return row;
}

/**
 * The contact e-mail must be one of the customer's addresses; when none is
 * chosen, the customer's first address is used, as staff would expect.
 */
function chooseContactEmail(
  customer: Customer | null, wanted: string | null | undefined,
): string | null {
  if (wanted === null) return null;
  if (wanted === undefined) return customer?.emails[0] ?? null;
  const match = customer?.emails.find((e) => e.toLowerCase() === wanted.toLowerCase());
  if (!match) {
    throw ValidationError.field('contactEmail', "must be one of the customer's e-mail addresses");
  }
  return match;
}

/** Any staff of the account may open a case by its exact Case # (PRODUCT.md rule 2). */
export async function requireCase(db: Db, viewer: Viewer, caseNo: number): Promise<CaseRow> {
  const row = await findCaseRow(db, viewer.accountId, caseNo);
  if (!row) throw new NotFoundError(`Case #${caseNo} not found`);
  return row;
}

export async function readCase(db: Db, viewer: Viewer, caseNo: number): Promise<Case> {
  const detail = await findCaseDetail(db, viewer.accountId, caseNo);
  if (!detail) throw new NotFoundError(`Case #${caseNo} not found`);
  const [customer, messages] = await Promise.all([
    detail.customerId === null ? undefined
      : loadCustomer(db, viewer.accountId, detail.customerId),
    listMessages(db, viewer.accountId, detail.id, readableVisibilities(viewer)),
  ]);
  return {
    ...detail.summary,
    customer: customer ?? null,
    createdBy: detail.createdBy,
    messages,
  };
}

export async function caseHistory(db: Db, viewer: Viewer, caseNo: number) {
  const row = await requireCase(db, viewer, caseNo);
  const entries = await listHistory(db, viewer.accountId, row.id);
  return entries.filter((e: HistoryEntry) => canSeeHistoryEntry(viewer, e.details))
    .map((e): DescribedHistoryEntry => ({ ...e, summary: describeHistoryEntry(e) }));
}

export interface CaseListInput {
  status?: CaseStatus | 'all' | undefined;
  caseNo?: number | undefined;
  customerNo?: number | undefined;
  phone?: string | undefined;
  email?: string | undefined;
  q?: string | undefined;
  department?: 'all' | undefined;
  limit: number;
  cursor?: string | undefined;
}

/**
 * The desk and every case search. Results are the viewer's department's cases,
 * or every department's for a supervisor asking for all; an exact Case # finds
 * the case in any department and in any status unless a status is given.
 */
export async function listCases(
  db: Db, dialect: DialectName, viewer: Viewer, input: CaseListInput,
): Promise<{ items: CaseSummary[]; nextCursor: string | null }> {
  const byCaseNo = input.caseNo !== undefined;
  const departmentId = byCaseNo ? null : searchDepartment(viewer, input.department === 'all');
  const status = input.status ?? (byCaseNo ? 'all' : 'in_progress');

  let customerIds: number[] | undefined;
  if (input.customerNo !== undefined) {
    const id = await findCustomerIdByNo(db, viewer.accountId, input.customerNo);
    customerIds = id === undefined ? [] : [id];
  }
  if (input.phone !== undefined || input.email !== undefined) {
    const ids = await customerIdsMatching(db, viewer.accountId, {
      phone: input.phone, email: input.email,
    });
    customerIds = customerIds ? customerIds.filter((id) => ids.includes(id)) : ids;
  }
  const words = input.q === undefined ? [] : searchWords(input.q);
  // Words asked for but none searchable ("!!!"): nothing can match them.
  if (input.q !== undefined && input.q.trim() !== '' && words.length === 0) {
    return { items: [], nextCursor: null };
  }
  const textMatch = words.length > 0
    ? caseMatchesWords(dialect, words, readableVisibilities(viewer)) : undefined;

  const items = await listCaseSummaries(db, {
    accountId: viewer.accountId, departmentId, status, caseNo: input.caseNo, customerIds,
    textMatch, after: afterCase(decodeCursor(input.cursor)), limit: input.limit + 1,
  });
  const more = items.length > input.limit;
  const page = more ? items.slice(0, input.limit) : items;
  const last = page[page.length - 1];
  return { items: page,
    nextCursor: more && last ? encodeCursor({ at: last.updatedAt, n: last.caseNo }) : null };
}

function afterCase(key: TimeKey | undefined) {
  return key && { updatedAt: key.at, caseNo: key.n };
}
