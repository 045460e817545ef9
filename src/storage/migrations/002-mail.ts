/**
 * E-mail both ways, case pairing and the customer portal: the outbox, pairings,
 * portal sessions and sign-in links, and the mail that came in.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  const idType = dialect === 'sqlite' ? 'integer' : 'serial';
  const table = (name: string) =>
    db.schema.createTable(name).addColumn('id', idType, (c) => c.primaryKey());

  // The secret part of a case's reply address (cases+SLUG.TOKEN@…): set with its first mail.
  await db.schema.alterTable('cases').addColumn('reply_token', 'text').execute();
  await db.schema.createIndex('cases_reply_token').on('cases').unique()
    .columns(['account_id', 'reply_token']).execute();

  // One row per e-mail, written in the transaction of what caused it; the worker sends it.
  await table('outbox')
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('case_id', 'integer', (c) => c.references('cases.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('reply_to', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addUniqueConstraint('outbox_account_message_id', ['account_id', 'message_id'])
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox')
    .columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_account').on('outbox')
    .columns(['account_id', 'id']).execute();
  // Replies name our Message-IDs in In-Reply-To and References.
  await db.schema.createIndex('outbox_message_id').on('outbox').columns(['message_id']).execute();

  // A pairing instruction's secrets, and once used, the customer's access to the case.
  await table('pairings')
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_lower', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('secret_expires_at', 'text', (c) => c.notNull())
    .addColumn('paired_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('last_seen_at', 'text')
    .addColumn('created_by_staff_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('pairings_token', ['token_hash'])
    .execute();
  await db.schema.createIndex('pairings_case').on('pairings')
    .columns(['account_id', 'case_id']).execute();
  await db.schema.createIndex('pairings_email').on('pairings')
    .columns(['account_id', 'email_lower']).execute();

  // A customer signed in to the portal: an address of one account, not a person record.
  await db.schema.createTable('portal_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('email_lower', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('portal_login_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('email_lower', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  // Every mail taken in: joined to a case, or waiting in triage for an admin.
  await table('inbound_mail')
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('case_id', 'integer', (c) => c.references('cases.id'))
    .addColumn('from_address', 'text')
    .addColumn('from_name', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('inbound_mail_account_message_id', ['account_id', 'message_id'])
    .execute();
  await db.schema.createIndex('inbound_mail_status').on('inbound_mail')
    .columns(['account_id', 'status', 'id']).execute();
}
