/**
 * Imports conversations exported from another help desk: `cases.csv` (one case
 * per thread) and `messages.csv`, read by conversation-csv.ts. Every row is
 * checked before the first write, so a bad file writes nothing. Cases are then
 * written oldest first (older cases get lower Case #) in transactions of whole
 * cases, keyed by their `case_ref`: a rerun skips what is there and completes
 * an interrupted run.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../storage/database.js';
import { insertCase } from '../storage/cases.js';
import { insertCustomer } from '../storage/customers.js';
import { insertDepartment, listDepartments } from '../storage/departments.js';
import {
  findCaseExternalRefs, findCustomersByExternalRef, findFirstDepartmentId, findStaffIdByEmail,
  insertHistoryEntries, insertMessages, type CustomerByRef, type ImportedHistoryEntry,
  type ImportedMessage,
} from '../storage/imports.js';
import { onUniqueViolation } from '../storage/errors.js';
import { insertStaff, updateStaff } from '../storage/staff.js';
import { CASES_FILE, type ConversationFiles, type CsvRecord } from './conversation-csv.js';
import { accountRegion, readPhones } from './customers.js';
import { ConflictError, NotFoundError, ValidationError } from './errors.js';
import { LIMITS, hasNulCharacter, isEmailAddress } from './limits.js';
import { MAX_MESSAGE_LENGTH } from './message-rules.js';
import { CASE_STATUSES, VISIBILITIES, type CaseStatus, type Visibility } from './types.js';

export { readConversationFiles, type ConversationFiles } from './conversation-csv.js';

const AUTHOR_TYPES = ['customer', 'staff'] as const;
/** Cases per transaction: large enough to be fast, small enough to lose little. */
const CASES_PER_TRANSACTION = 250;

/** The member of staff who "opens" imported cases: inactive, so no one signs in as it. */
export const IMPORT_STAFF = { name: 'Conversation import', email: 'import@caseline.invalid' };

export interface ImportProgress {
  /** Cases handled so far, those already present included. */
  done: number;
  total: number;
}

export interface ImportSummary {
  casesCreated: number;
  casesAlreadyPresent: number;
  messagesCreated: number;
  customersCreated: number;
  /**
   * Profiles given a further case: ones already in the account, or created
   * earlier in this run (a customer with several cases is one profile).
   */
  customersReused: number;
  departmentsCreated: string[];
  /** Every department holding cases of these files, most cases first. */
  departmentsWithCases: { name: string; cases: number }[];
}

interface CaseLine {
  ref: string;
  department: string;
  customer: { ref: string | null; name: string | null; phone: string | null;
    email: string | null };
  subject: string;
  status: CaseStatus;
  createdAt: string;
  updatedAt: string;
}

interface MessageLine {
  authorType: 'customer' | 'staff';
  authorName: string;
  visibility: Visibility;
  body: string;
  createdAt: string;
}

interface Plan {
  cases: CaseLine[];
  messagesByRef: Map<string, MessageLine[]>;
}

/** Checks every row; throws on the first bad one, naming its file, line and column. */
function checkConversations(files: ConversationFiles): Plan {
  const cases: CaseLine[] = [];
  const messagesByRef = new Map<string, MessageLine[]>();
  for (const r of [...files.cases, ...files.messages]) refuseNul(r);
  for (const r of files.cases) {
    const c = checkCase(r);
    if (messagesByRef.has(c.ref)) throw rowError(r, 'case_ref', `"${c.ref}" appears twice`);
    messagesByRef.set(c.ref, []);
    cases.push(c);
  }
  for (const r of files.messages) {
    const ref = required(r, 'case_ref');
    const thread = messagesByRef.get(ref);
    if (!thread) throw rowError(r, 'case_ref', `"${ref}" is not in ${CASES_FILE}`);
    thread.push(checkMessage(r));
  }
  return { cases, messagesByRef };
}

function checkCase(r: CsvRecord): CaseLine {
  const email = limited(r, 'customer_email', LIMITS.email);
  if (email !== null && !isEmailAddress(email)) {
    throw rowError(r, 'customer_email', `"${email}" is not an e-mail address`);
  }
  const createdAt = timestamp(r, 'created_at');
  const updatedAt = timestamp(r, 'updated_at');
  if (updatedAt < createdAt) throw rowError(r, 'updated_at', 'is earlier than created_at');
  return {
    ref: requiredLimited(r, 'case_ref', LIMITS.externalRef),
    department: requiredLimited(r, 'department', LIMITS.departmentName),
    customer: {
      ref: limited(r, 'customer_ref', LIMITS.externalRef),
      name: limited(r, 'customer_name', LIMITS.personName),
      phone: limited(r, 'customer_phone', LIMITS.phone),
      email,
    },
    subject: requiredLimited(r, 'subject', LIMITS.subject),
    status: oneOf(r, 'status', CASE_STATUSES),
    createdAt,
    updatedAt,
  };
}

function checkMessage(r: CsvRecord): MessageLine {
  // The body is stored exactly as exported: spacing, line breaks and entities included.
  const body = r.values.body ?? '';
  if (body.trim() === '') throw rowError(r, 'body', 'is empty');
  if (body.length > MAX_MESSAGE_LENGTH) {
    throw rowError(r, 'body', `is longer than ${MAX_MESSAGE_LENGTH} characters`);
  }
  return {
    authorType: oneOf(r, 'author_type', AUTHOR_TYPES),
    authorName: requiredLimited(r, 'author_name', LIMITS.personName),
    visibility: oneOf(r, 'visibility', VISIBILITIES),
    body,
    createdAt: timestamp(r, 'created_at'),
  };
}

function rowError(r: CsvRecord, column: string, why: string): ValidationError {
  return new ValidationError(`${r.file} line ${r.line}: ${column} ${why}`,
    { file: r.file, line: String(r.line), column });
}

function optional(r: CsvRecord, column: string): string | null {
  const value = r.values[column]?.trim() ?? '';
  return value === '' ? null : value;
}

function refuseNul(r: CsvRecord): void {
  for (const [column, value] of Object.entries(r.values)) {
    if (value !== undefined && hasNulCharacter(value)) {
      throw rowError(r, column, 'contains a NUL character');
    }
  }
}

function limited(r: CsvRecord, column: string, max: number): string | null {
  const value = optional(r, column);
  if (value !== null && value.length > max) {
    throw rowError(r, column, `is longer than ${max} characters`);
  }
  return value;
}

function requiredLimited(r: CsvRecord, column: string, max: number): string {
  const value = limited(r, column, max);
  if (value === null) throw rowError(r, column, 'is empty');
  return value;
}

function required(r: CsvRecord, column: string): string {
  const value = optional(r, column);
  if (value === null) throw rowError(r, column, 'is empty');
  return value;
}

function oneOf<T extends string>(r: CsvRecord, column: string, allowed: readonly T[]): T {
  const value = required(r, column);
  if (!(allowed as readonly string[]).includes(value)) {
    throw rowError(r, column, `"${value}" is not one of ${allowed.join(', ')}`);
  }
  return value as T;
}

const ISO_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/;

/** Stored like every other timestamp (storage/clock.ts), so text order is time order. */
function timestamp(r: CsvRecord, column: string): string {
  const value = required(r, column);
  const ms = ISO_TIMESTAMP.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    throw rowError(r, column, `"${value}" is not an ISO 8601 time with a time zone`);
  }
  return new Date(ms).toISOString();
}

interface Context {
  accountId: number;
  region: string;
  departments: Map<string, number>;
  customers: Map<string, CustomerByRef>;
  customersReused: Set<string>;
  staffId: number | undefined;
  summary: ImportSummary;
}

/**
 * Imports the parsed files into one account. Cases whose `case_ref` the account
 * already holds are skipped whole; customers are reused by `customer_ref`.
 */
export async function importConversations(
  db: Db, accountId: number, files: ConversationFiles,
  onProgress: (p: ImportProgress) => void = () => {},
): Promise<ImportSummary> {
  const plan = checkConversations(files);
  const present = await findCaseExternalRefs(db, accountId);
  // Stable sort: cases opened in the same second keep their file order.
  const todo = plan.cases.filter((c) => !present.has(c.ref))
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  const ctx: Context = {
    accountId, region: await accountRegion(db, accountId),
    departments: new Map((await listDepartments(db, accountId)).map((d) => [d.name, d.id])),
    customers: await findCustomersByExternalRef(db, accountId), customersReused: new Set(),
    staffId: await findStaffIdByEmail(db, accountId, IMPORT_STAFF.email),
    summary: emptySummary(plan, todo.length),
  };
  const total = plan.cases.length;
  let done = total - todo.length;
  onProgress({ done, total });
  for (let i = 0; i < todo.length; i += CASES_PER_TRANSACTION) {
    const batch = todo.slice(i, i + CASES_PER_TRANSACTION);
    // Only a concurrent import of the same account can break a unique key here.
    await onUniqueViolation(db.transaction().execute((trx) => writeBatch(trx, ctx, batch, plan,
      () => onProgress({ done: ++done, total }))), () => new ConflictError(
      'Another import wrote to this account at the same time; run the import again to finish'));
  }
  ctx.summary.customersReused = ctx.customersReused.size;
  return ctx.summary;
}

function emptySummary(plan: Plan, toCreate: number): ImportSummary {
  const perDepartment = new Map<string, number>();
  for (const c of plan.cases) {
    perDepartment.set(c.department, (perDepartment.get(c.department) ?? 0) + 1);
  }
  return {
    casesCreated: 0, casesAlreadyPresent: plan.cases.length - toCreate, messagesCreated: 0,
    customersCreated: 0, customersReused: 0, departmentsCreated: [],
    departmentsWithCases: [...perDepartment].map(([name, cases]) => ({ name, cases }))
      .sort((a, b) => b.cases - a.cases || a.name.localeCompare(b.name)),
  };
}

/**
 * Writes whole cases inside one transaction. The context's caches are updated
 * as rows are written; that is safe because the import stops at the first
 * failure, so ids of a rolled-back batch are never used again.
 */
async function writeBatch(
  trx: Db, ctx: Context, batch: CaseLine[], plan: Plan, caseDone: () => void,
): Promise<void> {
  const staffId = await importStaffId(trx, ctx);
  const messages: ImportedMessage[] = [];
  const history: ImportedHistoryEntry[] = [];
  for (const c of batch) {
    const customer = await customerFor(trx, ctx, c);
    const row = await insertCase(trx, ctx.accountId, {
      subject: c.subject,
      departmentId: await departmentId(trx, ctx, c.department),
      customerId: customer?.id ?? null,
      contactEmail: customer?.email ?? null,
      createdByStaffId: staffId,
      status: c.status,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      closedAt: c.status === 'closed' ? c.updatedAt : null,
      externalRef: c.ref,
    });
    for (const m of plan.messagesByRef.get(c.ref) ?? []) messages.push({ caseId: row.id, ...m });
    history.push({
      caseId: row.id, type: 'opened', at: c.createdAt, actorStaffId: staffId,
      actorName: IMPORT_STAFF.name, details: { source: 'import', ref: c.ref },
    });
    caseDone();
  }
  await insertMessages(trx, ctx.accountId, messages);
  await insertHistoryEntries(trx, ctx.accountId, history);
  ctx.summary.casesCreated += batch.length;
  ctx.summary.messagesCreated += messages.length;
}

/** One import member per account, created with the first imported cases and then reused. */
async function importStaffId(trx: Db, ctx: Context): Promise<number> {
  if (ctx.staffId !== undefined) return ctx.staffId;
  const departmentId = await findFirstDepartmentId(trx, ctx.accountId);
  if (departmentId === undefined) throw new NotFoundError('The account has no department');
  const id = await insertStaff(trx, ctx.accountId, {
    ...IMPORT_STAFF, departmentId, admin: false, supervisor: false,
    // Not a hash any password can match: the member can never sign in.
    passwordHash: `!import-${randomBytes(16).toString('hex')}`,
  });
  await updateStaff(trx, ctx.accountId, id, { active: false });
  ctx.staffId = id;
  return id;
}

async function departmentId(trx: Db, ctx: Context, name: string): Promise<number> {
  const known = ctx.departments.get(name);
  if (known !== undefined) return known;
  const { id } = await insertDepartment(trx, ctx.accountId, name);
  ctx.departments.set(name, id);
  ctx.summary.departmentsCreated.push(name);
  return id;
}

async function customerFor(trx: Db, ctx: Context, c: CaseLine): Promise<CustomerByRef | null> {
  const { ref, name, phone, email } = c.customer;
  const known = ref === null ? undefined : ctx.customers.get(ref);
  if (ref !== null && known) {
    ctx.customersReused.add(ref);
    return known;
  }
  if (ref === null && name === null && phone === null && email === null) return null;
  // The profile starts when its first case does; e-mail addresses are kept as typed.
  const id = await insertCustomer(trx, ctx.accountId, {
    name, phones: phone === null ? [] : readPhones([phone], ctx.region),
    emails: email === null ? [] : [email], address: null, note: null, externalRef: ref,
  }, c.createdAt);
  const customer = { id, email };
  if (ref !== null) ctx.customers.set(ref, customer);
  ctx.summary.customersCreated++;
  return customer;
}
