import type { Db } from './database.js';
import { preparedQuery } from './prepared.js';
import type { AccountRow } from './schema.js';
import type { Account } from '../domain/types.js';
import { now } from './clock.js';

export function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    defaultRegion: row.default_region,
    timezone: row.timezone,
    mailFrom: row.mail_from,
  };
}

export async function insertAccount(
  db: Db,
  a: { slug: string; name: string; defaultRegion: string; timezone: string },
): Promise<Account> {
  const row = await db.insertInto('accounts').values({
    slug: a.slug,
    name: a.name,
    default_region: a.defaultRegion,
    timezone: a.timezone,
    mail_from: null,
    last_case_no: 0,
    last_customer_no: 0,
    created_at: now(),
  }).returningAll().executeTakeFirstOrThrow();
  return toAccount(row);
}

const accountById = preparedQuery((db, p: { id: number }) =>
  db.selectFrom('accounts').selectAll().where('id', '=', p.id));

export async function findAccountById(db: Db, id: number): Promise<Account | undefined> {
  const [row] = await accountById(db, { id });
  return row && toAccount(row);
}

export async function findAccountBySlug(db: Db, slug: string): Promise<Account | undefined> {
  const row = await db.selectFrom('accounts').selectAll()
    .where('slug', '=', slug).executeTakeFirst();
  return row && toAccount(row);
}

export async function updateAccount(
  db: Db,
  id: number,
  patch: Partial<Pick<Account, 'name' | 'defaultRegion' | 'timezone' | 'mailFrom'>>,
): Promise<void> {
  const values = {
    ...(patch.name !== undefined && { name: patch.name }),
    ...(patch.defaultRegion !== undefined && { default_region: patch.defaultRegion }),
    ...(patch.timezone !== undefined && { timezone: patch.timezone }),
    ...(patch.mailFrom !== undefined && { mail_from: patch.mailFrom }),
  };
  if (Object.keys(values).length === 0) return;
  await db.updateTable('accounts').set(values).where('id', '=', id).execute();
}

/**
 * Takes the account's next Case # or Customer ID. Must run inside the
 * transaction that uses the number: the row lock (PostgreSQL) or the write
 * lock (SQLite) serialises concurrent takers, and a rollback returns the
 * number, so numbers have neither duplicates nor gaps.
 */
export async function takeNextNumber(
  trx: Db,
  accountId: number,
  sequence: 'last_case_no' | 'last_customer_no',
): Promise<number> {
  const row = await trx.updateTable('accounts')
    .set((eb) => ({ [sequence]: eb(sequence, '+', 1) }))
    .where('id', '=', accountId)
    .returning(sequence)
    .executeTakeFirstOrThrow();
  return Number(row[sequence]);
}

/**
 * Serialises writers of one account until the transaction ends: a row lock in
 * PostgreSQL; SQLite already runs one writer at a time. Used where a rule
 * counts rows that concurrent requests could change (e.g. "one admin left").
 */
export async function lockAccount(trx: Db, accountId: number): Promise<void> {
  await trx.updateTable('accounts').set((eb) => ({ id: eb.ref('id') }))
    .where('id', '=', accountId).execute();
}
