/**
 * Queries only a bulk import needs: look-ups of what an earlier run already
 * wrote (by external key) and multi-row inserts, so a thousand cases cost a few
 * statements per case instead of one per message.
 */
import type { Db } from './database.js';
import type { Visibility } from '../domain/types.js';

/** Rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
const ROWS_PER_INSERT = 500;

export async function findCaseExternalRefs(db: Db, accountId: number): Promise<Set<string>> {
  const rows = await db.selectFrom('cases').select('external_ref')
    .where('account_id', '=', accountId).where('external_ref', 'is not', null).execute();
  return new Set(rows.flatMap((r) => (r.external_ref === null ? [] : [r.external_ref])));
}

export interface CustomerByRef {
  id: number;
  /** The profile's first e-mail address, the one a new case is sent to. */
  email: string | null;
}

/** Customers with an external key; when several share one, the oldest profile wins. */
export async function findCustomersByExternalRef(
  db: Db, accountId: number,
): Promise<Map<string, CustomerByRef>> {
  const rows = await db.selectFrom('customers')
    .leftJoin('customer_emails', (join) => join
      .onRef('customer_emails.customer_id', '=', 'customers.id')
      .on('customer_emails.position', '=', 0))
    .select(['customers.id', 'customers.external_ref', 'customer_emails.email'])
    .where('customers.account_id', '=', accountId)
    .where('customers.external_ref', 'is not', null)
    .orderBy('customers.customer_no', 'desc')
    .execute();
  // Descending order: the oldest profile is written last and so wins.
  return new Map(rows.map((r) => [r.external_ref!, { id: r.id, email: r.email ?? null }]));
}

export async function findStaffIdByEmail(
  db: Db, accountId: number, email: string,
): Promise<number | undefined> {
  const row = await db.selectFrom('staff').select('id')
    .where('account_id', '=', accountId).where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  return row?.id;
}

/** The account's oldest department: the one sign-up created. */
export async function findFirstDepartmentId(
  db: Db, accountId: number,
): Promise<number | undefined> {
  const row = await db.selectFrom('departments').select('id')
    .where('account_id', '=', accountId).orderBy('id').limit(1).executeTakeFirst();
  return row?.id;
}

export interface ImportedMessage {
  caseId: number;
  visibility: Visibility;
  body: string;
  authorType: 'staff' | 'customer';
  authorName: string;
  createdAt: string;
}

/** Inserts in the order given: message ids, and so the thread order, follow it. */
export async function insertMessages(
  db: Db, accountId: number, messages: ImportedMessage[],
): Promise<void> {
  for (const chunk of chunks(messages)) {
    await db.insertInto('messages').values(chunk.map((m) => ({
      account_id: accountId,
      case_id: m.caseId,
      visibility: m.visibility,
      body: m.body,
      author_type: m.authorType,
      author_staff_id: null,
      author_name: m.authorName,
      created_at: m.createdAt,
      redacted: 0,
    }))).execute();
  }
}

export interface ImportedHistoryEntry {
  caseId: number;
  type: string;
  at: string;
  actorStaffId: number;
  actorName: string;
  details: Record<string, unknown>;
}

export async function insertHistoryEntries(
  db: Db, accountId: number, entries: ImportedHistoryEntry[],
): Promise<void> {
  for (const chunk of chunks(entries)) {
    await db.insertInto('case_history').values(chunk.map((e) => ({
      account_id: accountId,
      case_id: e.caseId,
      type: e.type,
      at: e.at,
      actor_type: 'staff',
      actor_staff_id: e.actorStaffId,
      actor_name: e.actorName,
      details: JSON.stringify(e.details),
    }))).execute();
  }
}

function* chunks<T>(items: T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += ROWS_PER_INSERT) {
    yield items.slice(i, i + ROWS_PER_INSERT);
  }
}
