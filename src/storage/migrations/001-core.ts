/**
 * The core schema. Every account-owned table carries account_id and every
 * unique key starts with it, so the schema can later be distributed by account.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  const idType = dialect === 'sqlite' ? 'integer' : 'serial';
  const table = (name: string) =>
    db.schema.createTable(name).addColumn('id', idType, (c) => c.primaryKey());

  await table('accounts')
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('default_region', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('mail_from', 'text')
    .addColumn('last_case_no', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_customer_no', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await table('departments')
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('departments_account_name', ['account_id', 'name'])
    .execute();

  await table('staff')
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('admin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('supervisor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('staff_account_email', ['account_id', 'email'])
    .execute();

  await db.schema.createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_staff').on('sessions')
    .columns(['account_id', 'staff_id']).execute();

  await table('api_tokens')
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .execute();

  await table('customers')
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('customer_no', 'integer', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('name_search', 'text')
    .addColumn('address', 'text')
    .addColumn('note', 'text')
    .addColumn('external_ref', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('customers_account_no', ['account_id', 'customer_no'])
    .execute();
  await db.schema.createIndex('customers_name').on('customers')
    .columns(['account_id', 'name_search']).execute();
  await db.schema.createIndex('customers_external_ref').on('customers')
    .columns(['account_id', 'external_ref']).execute();

  await table('customer_phones')
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('customer_id', 'integer', (c) =>
      c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('e164', 'text')
    .execute();
  await db.schema.createIndex('customer_phones_e164').on('customer_phones')
    .columns(['account_id', 'e164']).execute();
  await db.schema.createIndex('customer_phones_customer').on('customer_phones')
    .columns(['customer_id', 'position']).execute();

  await table('customer_emails')
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('customer_id', 'integer', (c) =>
      c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_lower', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customer_emails_lower').on('customer_emails')
    .columns(['account_id', 'email_lower']).execute();
  await db.schema.createIndex('customer_emails_customer').on('customer_emails')
    .columns(['customer_id', 'position']).execute();

  await table('cases')
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('case_no', 'integer', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('customer_id', 'integer', (c) => c.references('customers.id'))
    .addColumn('contact_email', 'text')
    .addColumn('created_by_staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('external_ref', 'text')
    .addUniqueConstraint('cases_account_no', ['account_id', 'case_no'])
    .addUniqueConstraint('cases_account_external_ref', ['account_id', 'external_ref'])
    .execute();
  // The desk: one department's cases of one status, newest activity first.
  await db.schema.createIndex('cases_desk').on('cases')
    .columns(['account_id', 'department_id', 'status', 'updated_at', 'case_no']).execute();
  await db.schema.createIndex('cases_account_status').on('cases')
    .columns(['account_id', 'status', 'updated_at', 'case_no']).execute();
  await db.schema.createIndex('cases_customer').on('cases')
    .columns(['account_id', 'customer_id', 'updated_at']).execute();

  await table('messages')
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_type', 'text', (c) => c.notNull())
    .addColumn('author_staff_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('redacted', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('messages_case').on('messages').columns(['case_id', 'id']).execute();

  await table('case_history')
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_staff_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_history_case').on('case_history')
    .columns(['case_id', 'id']).execute();

  await db.schema.createTable('throttles')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .addColumn('blocked_until', 'text')
    .execute();

  await createTextSearch(db, dialect);
}

/** Full-text search differs by dialect: FTS5 tables in SQLite, GIN indexes in PostgreSQL. */
async function createTextSearch(db: AnyDb, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') {
    await sql`create index messages_body_fts on messages
      using gin (to_tsvector('simple', body))`.execute(db);
    await sql`create index cases_subject_fts on cases
      using gin (to_tsvector('simple', subject))`.execute(db);
    return;
  }
  for (const [table, column] of [['messages', 'body'], ['cases', 'subject']] as const) {
    const fts = sql.raw(`${table}_fts`);
    const t = sql.raw(table);
    const col = sql.raw(column);
    await sql`create virtual table ${fts} using fts5(${col}, content='${t}',
      content_rowid='id', tokenize='unicode61 remove_diacritics 2')`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_fts_ai`)} after insert on ${t} begin
      insert into ${fts}(rowid, ${col}) values (new.id, new.${col}); end`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_fts_ad`)} after delete on ${t} begin
      insert into ${fts}(${fts}, rowid, ${col}) values ('delete', old.id, old.${col}); end`
      .execute(db);
    await sql`create trigger ${sql.raw(`${table}_fts_au`)} after update of ${col} on ${t} begin
      insert into ${fts}(${fts}, rowid, ${col}) values ('delete', old.id, old.${col});
      insert into ${fts}(rowid, ${col}) values (new.id, new.${col}); end`.execute(db);
  }
}
