import { sql, type SqlBool } from 'kysely';
import type { Db } from './database.js';
import { preparedQuery } from './prepared.js';
import type { CustomerRow } from './schema.js';
import type { Customer, Phone } from '../domain/types.js';
import { now } from './clock.js';
import { takeNextNumber } from './accounts.js';

export interface CustomerFields {
  name: string | null;
  phones: Phone[];
  emails: string[];
  address: string | null;
  note: string | null;
  externalRef: string | null;
}

/** Creates a customer with the next Customer ID; call inside a transaction. */
export async function insertCustomer(
  trx: Db, accountId: number, c: CustomerFields, at = now(),
): Promise<number> {
  const customerNo = await takeNextNumber(trx, accountId, 'last_customer_no');
  const { id } = await trx.insertInto('customers').values({
    account_id: accountId,
    customer_no: customerNo,
    name: c.name,
    name_search: c.name?.toLowerCase() ?? null,
    address: c.address,
    note: c.note,
    external_ref: c.externalRef,
    created_at: at,
    updated_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  await insertContacts(trx, accountId, id, c.phones, c.emails);
  return id;
}

async function insertContacts(
  trx: Db, accountId: number, customerId: number, phones: Phone[], emails: string[],
): Promise<void> {
  if (phones.length > 0) {
    await trx.insertInto('customer_phones').values(phones.map((p, position) => ({
      account_id: accountId, customer_id: customerId, position, raw: p.raw, e164: p.e164,
    }))).execute();
  }
  if (emails.length > 0) {
    await trx.insertInto('customer_emails').values(emails.map((email, position) => ({
      account_id: accountId, customer_id: customerId, position, email,
      email_lower: email.toLowerCase(),
    }))).execute();
  }
}

/** Replaces whichever fields are given; phones and e-mails are replaced as lists. */
export async function updateCustomer(
  trx: Db, accountId: number, customerId: number, patch: Partial<CustomerFields>,
): Promise<void> {
  await trx.updateTable('customers').set({
    updated_at: now(),
    ...(patch.name !== undefined && {
      name: patch.name, name_search: patch.name?.toLowerCase() ?? null,
    }),
    ...(patch.address !== undefined && { address: patch.address }),
    ...(patch.note !== undefined && { note: patch.note }),
    ...(patch.externalRef !== undefined && { external_ref: patch.externalRef }),
  }).where('account_id', '=', accountId).where('id', '=', customerId).execute();

  if (patch.phones !== undefined) {
    await trx.deleteFrom('customer_phones').where('customer_id', '=', customerId).execute();
    await insertContacts(trx, accountId, customerId, patch.phones, []);
  }
  if (patch.emails !== undefined) {
    await trx.deleteFrom('customer_emails').where('customer_id', '=', customerId).execute();
    await insertContacts(trx, accountId, customerId, [], patch.emails);
  }
}

const customerIdByNo = preparedQuery((db, p: { accountId: number; customerNo: number }) =>
  db.selectFrom('customers').select('id')
    .where('account_id', '=', p.accountId).where('customer_no', '=', p.customerNo));

export async function findCustomerIdByNo(
  db: Db, accountId: number, customerNo: number,
): Promise<number | undefined> {
  const [row] = await customerIdByNo(db, { accountId, customerNo });
  return row?.id;
}

export async function findCustomerIdsByPhone(
  db: Db, accountId: number, e164: string,
): Promise<number[]> {
  const rows = await customerIdsByPhone(db, { accountId, e164 });
  return rows.map((r) => r.customer_id);
}

const customerIdsByPhone = preparedQuery((db, p: { accountId: number; e164: string }) =>
  db.selectFrom('customer_phones').select('customer_id').distinct()
    .where('account_id', '=', p.accountId).where('e164', '=', p.e164));

export async function findCustomerIdsByEmail(
  db: Db, accountId: number, email: string,
): Promise<number[]> {
  const rows = await customerIdsByEmail(db, { accountId, emailLower: email.toLowerCase() });
  return rows.map((r) => r.customer_id);
}

const customerIdsByEmail = preparedQuery((db, p: { accountId: number; emailLower: string }) =>
  db.selectFrom('customer_emails').select('customer_id').distinct()
    .where('account_id', '=', p.accountId).where('email_lower', '=', p.emailLower));

/** Name look-up: a prefix match uses the index; a match inside the name does not. */
export async function findCustomerIdsByName(
  db: Db, accountId: number, q: string, limit: number,
): Promise<number[]> {
  const needle = q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await db.selectFrom('customers').select('id')
    .where('account_id', '=', accountId)
    // ESCAPE is spelled out: SQLite's LIKE has no escape character by default.
    .where(sql<SqlBool>`(name_search like ${`${needle}%`} escape '\\'
      or name_search like ${`% ${needle}%`} escape '\\')`)
    .orderBy('customer_no').limit(limit).execute();
  return rows.map((r) => r.id);
}

/** The newest customers, for a look-up with no criteria. */
export async function listNewestCustomerIds(
  db: Db, accountId: number, limit: number,
): Promise<number[]> {
  const rows = await db.selectFrom('customers').select('id')
    .where('account_id', '=', accountId).orderBy('customer_no', 'desc').limit(limit).execute();
  return rows.map((r) => r.id);
}

/** Loads full customers in the order of the ids given. */
export async function loadCustomers(
  db: Db, accountId: number, ids: number[],
): Promise<Customer[]> {
  if (ids.length === 0) return [];
  const [rows, phones, emails] = await Promise.all([
    db.selectFrom('customers').selectAll()
      .where('account_id', '=', accountId).where('id', 'in', ids).execute(),
    db.selectFrom('customer_phones').select(['customer_id', 'raw', 'e164'])
      .where('account_id', '=', accountId).where('customer_id', 'in', ids)
      .orderBy('customer_id').orderBy('position').execute(),
    db.selectFrom('customer_emails').select(['customer_id', 'email'])
      .where('account_id', '=', accountId).where('customer_id', 'in', ids)
      .orderBy('customer_id').orderBy('position').execute(),
  ]);
  const byId = new Map(rows.map((r) => [r.id, toCustomer(r)]));
  for (const p of phones) byId.get(p.customer_id)?.phones.push({ raw: p.raw, e164: p.e164 });
  for (const e of emails) byId.get(e.customer_id)?.emails.push(e.email);
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** One customer, as the case page and the customer page need it: built once, run often. */
export async function loadCustomer(
  db: Db, accountId: number, id: number,
): Promise<Customer | undefined> {
  const [[row], phones, emails] = await Promise.all([
    customerById(db, { accountId, id }),
    phonesOfCustomer(db, { accountId, id }),
    emailsOfCustomer(db, { accountId, id }),
  ]);
  if (!row) return undefined;
  const customer = toCustomer(row);
  for (const p of phones) customer.phones.push({ raw: p.raw, e164: p.e164 });
  for (const e of emails) customer.emails.push(e.email);
  return customer;
}

const customerById = preparedQuery((db, p: { accountId: number; id: number }) =>
  db.selectFrom('customers').selectAll()
    .where('account_id', '=', p.accountId).where('id', '=', p.id));
const phonesOfCustomer = preparedQuery((db, p: { accountId: number; id: number }) =>
  db.selectFrom('customer_phones').select(['raw', 'e164'])
    .where('account_id', '=', p.accountId).where('customer_id', '=', p.id).orderBy('position'));
const emailsOfCustomer = preparedQuery((db, p: { accountId: number; id: number }) =>
  db.selectFrom('customer_emails').select('email')
    .where('account_id', '=', p.accountId).where('customer_id', '=', p.id).orderBy('position'));

function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    customerNo: row.customer_no,
    name: row.name,
    phones: [],
    emails: [],
    address: row.address,
    note: row.note,
    externalRef: row.external_ref,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
