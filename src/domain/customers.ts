/**
 * Customer profiles, reused across cases. Phone numbers are kept as typed and
 * in E.164 (read against the account's default region), so a number finds its
 * customer however it is written; e-mail addresses match ignoring case.
 */
import type { Db } from '../storage/database.js';
import { findAccountById } from '../storage/accounts.js';
import {
  findCustomerIdByNo, findCustomerIdsByEmail, findCustomerIdsByName, findCustomerIdsByPhone,
  insertCustomer, listNewestCustomerIds, loadCustomer, loadCustomers, updateCustomer,
  type CustomerFields,
} from '../storage/customers.js';
import type { Viewer } from './access.js';
import { followCustomerEmails } from './case-contacts.js';
import { NotFoundError } from './errors.js';
import { normalizePhone } from './phone.js';
import type { Customer, Phone } from './types.js';

export interface CustomerInput {
  name?: string | null | undefined;
  phones?: string[] | undefined;
  emails?: string[] | undefined;
  address?: string | null | undefined;
  note?: string | null | undefined;
  externalRef?: string | null | undefined;
}

export interface CustomerLookup {
  phone?: string | undefined;
  email?: string | undefined;
  q?: string | undefined;
  limit: number;
}

export async function accountRegion(db: Db, accountId: number): Promise<string> {
  return (await findAccountById(db, accountId))?.defaultRegion ?? 'US';
}

export function readPhones(raws: string[], region: string): Phone[] {
  return raws.map((raw) => {
    const { e164 } = normalizePhone(raw, region);
    return { raw, e164 };
  });
}

/** Creates a customer; `trx` should be a transaction when part of a larger write. */
export async function createCustomer(
  trx: Db, viewer: Pick<Viewer, 'accountId'>, input: CustomerInput,
): Promise<Customer> {
  const region = await accountRegion(trx, viewer.accountId);
  const fields: CustomerFields = {
    name: input.name ?? null,
    phones: readPhones(input.phones ?? [], region),
    emails: input.emails ?? [],
    address: input.address ?? null,
    note: input.note ?? null,
    externalRef: input.externalRef ?? null,
  };
  const id = await insertCustomer(trx, viewer.accountId, fields);
  return (await loadCustomer(trx, viewer.accountId, id))!;
}

export async function addCustomer(db: Db, viewer: Viewer, input: CustomerInput) {
  return db.transaction().execute((trx) => createCustomer(trx, viewer, input));
}

export async function getCustomer(db: Db, viewer: Viewer, customerNo: number) {
  return requireCustomer(db, viewer.accountId, customerNo);
}

export async function changeCustomer(
  db: Db, viewer: Viewer, customerNo: number, input: CustomerInput,
): Promise<Customer> {
  return db.transaction().execute(async (trx) => {
    const customer = await requireCustomer(trx, viewer.accountId, customerNo);
    const region = await accountRegion(trx, viewer.accountId);
    await updateCustomer(trx, viewer.accountId, customer.id, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.phones !== undefined && { phones: readPhones(input.phones, region) }),
      ...(input.emails !== undefined && { emails: input.emails }),
      ...(input.address !== undefined && { address: input.address }),
      ...(input.note !== undefined && { note: input.note }),
      ...(input.externalRef !== undefined && { externalRef: input.externalRef }),
    });
    if (input.emails !== undefined) {
      await followCustomerEmails(trx, viewer, customer.id, input.emails);
    }
    return requireCustomer(trx, viewer.accountId, customerNo);
  });
}

/** Finds customers by every criterion given (all must hold). */
export async function findCustomers(
  db: Db, viewer: Viewer, lookup: CustomerLookup,
): Promise<Customer[]> {
  const ids = await customerIdsMatching(db, viewer.accountId, lookup);
  return loadCustomers(db, viewer.accountId, ids.slice(0, lookup.limit));
}

/** The customer ids matching a phone, an e-mail and/or a name; [] when one cannot match. */
export async function customerIdsMatching(
  db: Db, accountId: number, lookup: Omit<CustomerLookup, 'limit'> & { limit?: number },
): Promise<number[]> {
  const sets: number[][] = [];
  if (lookup.phone !== undefined) {
    const { e164 } = normalizePhone(lookup.phone, await accountRegion(db, accountId));
    if (!e164) return [];
    sets.push(await findCustomerIdsByPhone(db, accountId, e164));
  }
  if (lookup.email !== undefined) {
    sets.push(await findCustomerIdsByEmail(db, accountId, lookup.email.trim()));
  }
  if (lookup.q !== undefined && lookup.q.trim() !== '') {
    sets.push(await findCustomerIdsByName(db, accountId, lookup.q.trim(), 200));
  }
  if (sets.length === 0) return listNewestCustomerIds(db, accountId, lookup.limit ?? 50);
  return sets.reduce((a, b) => a.filter((id) => b.includes(id)));
}

export async function requireCustomer(
  db: Db, accountId: number, customerNo: number, field?: string,
): Promise<Customer> {
  const id = await findCustomerIdByNo(db, accountId, customerNo);
  const customer = id === undefined ? undefined : await loadCustomer(db, accountId, id);
  if (!customer) {
    throw new NotFoundError('Customer not found',
      field ? { [field]: 'no such customer' } : undefined);
  }
  return customer;
}
