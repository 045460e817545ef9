/**
 * Telephony and live updates: each account's CTI webhook secret, its calls, its blocked
 * numbers, and the log of live events.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../database.js';

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  const idType = dialect === 'sqlite' ? 'integer' : 'serial';

  await db.schema.alterTable('accounts').addColumn('cti_token', 'text').execute();
  await db.schema.createIndex('accounts_cti_token').on('accounts').unique()
    .columns(['cti_token']).execute();

  // One row per call, keyed by the PBX's call id; events fill it in whatever order.
  await db.schema.createTable('calls')
    .addColumn('id', idType, (c) => c.primaryKey())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('from_raw', 'text')
    .addColumn('from_e164', 'text')
    .addColumn('to_raw', 'text')
    .addColumn('queue', 'text')
    .addColumn('users', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('cause', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('calls_account_call_id', ['account_id', 'call_id'])
    .execute();
  await db.schema.createIndex('calls_recent').on('calls')
    .columns(['account_id', 'started_at']).execute();

  // What live clients are told, in order: the id is the SSE event id, so a client that
  // reconnects with Last-Event-ID gets what it missed, from whichever process it reaches.
  await db.schema.createTable('live_events')
    .addColumn('id', idType, (c) => c.primaryKey())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('live_events_account').on('live_events')
    .columns(['account_id', 'id']).execute();

  await db.schema.createTable('blocked_numbers')
    .addColumn('id', idType, (c) => c.primaryKey())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('e164', 'text', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('blocked_numbers_account_e164', ['account_id', 'e164'])
    .execute();
}
