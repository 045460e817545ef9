import type { Db } from './database.js';
import { preparedQuery } from './prepared.js';
import type { CaseRow } from './schema.js';
import type { CaseStatus, CaseSummary } from '../domain/types.js';
import { now } from './clock.js';
import { takeNextNumber } from './accounts.js';
import type { Expression, SqlBool } from 'kysely';

export interface NewCase {
  subject: string;
  departmentId: number;
  customerId: number | null;
  contactEmail: string | null;
  createdByStaffId: number;
  status?: CaseStatus;
  createdAt?: string;
  updatedAt?: string;
  closedAt?: string | null;
  externalRef?: string | null;
}

/** Creates a case with the next Case #; call inside a transaction. */
export async function insertCase(trx: Db, accountId: number, c: NewCase): Promise<CaseRow> {
  const caseNo = await takeNextNumber(trx, accountId, 'last_case_no');
  const at = c.createdAt ?? now();
  return trx.insertInto('cases').values({
    account_id: accountId,
    case_no: caseNo,
    subject: c.subject,
    status: c.status ?? 'in_progress',
    department_id: c.departmentId,
    customer_id: c.customerId,
    contact_email: c.contactEmail,
    created_by_staff_id: c.createdByStaffId,
    created_at: at,
    updated_at: c.updatedAt ?? at,
    closed_at: c.closedAt ?? null,
    external_ref: c.externalRef ?? null,
  }).returningAll().executeTakeFirstOrThrow();
}

const caseRow = preparedQuery((db, p: { accountId: number; caseNo: number }) =>
  db.selectFrom('cases').selectAll()
    .where('account_id', '=', p.accountId).where('case_no', '=', p.caseNo));

export async function findCaseRow(db: Db, accountId: number, caseNo: number) {
  const [row] = await caseRow(db, { accountId, caseNo });
  return row;
}

export async function updateCaseRow(
  db: Db, accountId: number, caseId: number,
  patch: Partial<Pick<CaseRow, 'status' | 'subject' | 'contact_email' | 'customer_id'
    | 'department_id' | 'closed_at'>>,
  at = now(),
): Promise<void> {
  await db.updateTable('cases').set({ ...patch, updated_at: at })
    .where('account_id', '=', accountId).where('id', '=', caseId).execute();
}

/** Marks new activity so the case rises to the top of its desk. */
export async function touchCase(db: Db, accountId: number, caseId: number, at = now()) {
  await db.updateTable('cases').set({ updated_at: at })
    .where('account_id', '=', accountId).where('id', '=', caseId).execute();
}

export interface CaseListQuery {
  accountId: number;
  /** null: every department. */
  departmentId: number | null;
  status: CaseStatus | 'all';
  caseNo?: number;
  customerIds?: number[];
  textMatch?: Expression<SqlBool>;
  after?: { updatedAt: string; caseNo: number };
  limit: number;
}

/** Case summaries, newest activity first, as the desk and every search show them. */
export async function listCaseSummaries(db: Db, q: CaseListQuery): Promise<CaseSummary[]> {
  let query = summaryQuery(db, q.accountId);
  if (q.departmentId !== null) query = query.where('cases.department_id', '=', q.departmentId);
  if (q.status !== 'all') query = query.where('cases.status', '=', q.status);
  if (q.caseNo !== undefined) query = query.where('cases.case_no', '=', q.caseNo);
  if (q.customerIds !== undefined) {
    if (q.customerIds.length === 0) return [];
    query = query.where('cases.customer_id', 'in', q.customerIds);
  }
  if (q.textMatch) query = query.where(q.textMatch);
  if (q.after) {
    const { updatedAt, caseNo } = q.after;
    query = query.where((eb) => eb.or([
      eb('cases.updated_at', '<', updatedAt),
      eb.and([eb('cases.updated_at', '=', updatedAt), eb('cases.case_no', '<', caseNo)]),
    ]));
  }
  const rows = await query.orderBy('cases.updated_at', 'desc')
    .orderBy('cases.case_no', 'desc').limit(q.limit).execute();
  return rows.map(toSummary);
}

/**
 * A case as its page shows it, found by Case #, in one query: the summary plus
 * what the rest of the page needs (its id, customer id and creator).
 */
const caseDetail = preparedQuery((db, p: { accountId: number; caseNo: number }) =>
  summaryQuery(db, p.accountId)
    .innerJoin('staff as creator', 'creator.id', 'cases.created_by_staff_id')
    .select(['cases.id', 'cases.customer_id', 'cases.created_by_staff_id',
      'creator.name as created_by_name'])
    .where('cases.case_no', '=', p.caseNo));

export async function findCaseDetail(db: Db, accountId: number, caseNo: number) {
  const [row] = await caseDetail(db, { accountId, caseNo });
  if (!row) return undefined;
  return {
    id: row.id,
    customerId: row.customer_id,
    summary: toSummary(row),
    createdBy: { id: row.created_by_staff_id, name: row.created_by_name },
  };
}

function summaryQuery(db: Db, accountId: number) {
  return db.selectFrom('cases')
    .innerJoin('departments', 'departments.id', 'cases.department_id')
    .leftJoin('customers', 'customers.id', 'cases.customer_id')
    .select([
      'cases.case_no', 'cases.subject', 'cases.status', 'cases.department_id',
      'departments.name as department_name', 'customers.customer_no',
      'customers.name as customer_name', 'cases.contact_email', 'cases.created_at',
      'cases.updated_at', 'cases.closed_at',
    ])
    .where('cases.account_id', '=', accountId);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

function toSummary(r: SummaryRow): CaseSummary {
  return {
    caseNo: r.case_no,
    subject: r.subject,
    status: r.status as CaseStatus,
    department: { id: r.department_id, name: r.department_name },
    customer: r.customer_no === null ? null : { customerNo: r.customer_no, name: r.customer_name },
    contactEmail: r.contact_email,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    closedAt: r.closed_at,
  };
}

/** The customer's cases that name a contact e-mail, for keeping them in step with the profile. */
export function listCaseContacts(db: Db, accountId: number, customerId: number) {
  return db.selectFrom('cases').select(['id', 'contact_email'])
    .where('account_id', '=', accountId).where('customer_id', '=', customerId)
    .where('contact_email', 'is not', null).execute();
}

/** Not activity on the case, so updated_at stays as it is. */
export async function setCaseContactEmail(
  db: Db, accountId: number, caseId: number, contactEmail: string | null,
): Promise<void> {
  await db.updateTable('cases').set({ contact_email: contactEmail })
    .where('account_id', '=', accountId).where('id', '=', caseId).execute();
}

/** Gives the case a reply token unless it has one; answers the token it ends up with. */
export async function ensureReplyToken(
  db: Db, accountId: number, caseId: number, fresh: string,
): Promise<string> {
  await db.updateTable('cases').set({ reply_token: fresh })
    .where('account_id', '=', accountId).where('id', '=', caseId)
    .where('reply_token', 'is', null).execute();
  const row = await db.selectFrom('cases').select('reply_token')
    .where('account_id', '=', accountId).where('id', '=', caseId).executeTakeFirstOrThrow();
  return row.reply_token ?? fresh;
}

export function findCaseByReplyToken(db: Db, accountId: number, token: string) {
  return db.selectFrom('cases').selectAll()
    .where('account_id', '=', accountId).where('reply_token', '=', token).executeTakeFirst();
}

export function findCaseById(db: Db, accountId: number, caseId: number) {
  return db.selectFrom('cases').selectAll()
    .where('account_id', '=', accountId).where('id', '=', caseId).executeTakeFirst();
}

/**
 * The open cases of a few customers, in every department, newest activity first.
 * Read through the (account, customer) index; sorted here, because an ORDER BY in SQL
 * tempts SQLite to walk every open case of the account in date order instead.
 */
export async function listOpenCasesOfCustomers(
  db: Db, accountId: number, customerIds: number[], limit: number,
): Promise<CaseSummary[]> {
  if (customerIds.length === 0) return [];
  const rows = await summaryQuery(db, accountId)
    .where('cases.customer_id', 'in', customerIds)
    .where('cases.status', '=', 'in_progress')
    .execute();
  return rows.map(toSummary)
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1
      : b.caseNo - a.caseNo))
    .slice(0, limit);
}
