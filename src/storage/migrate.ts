/**
 * Runs the migrations that have not run yet, in order, each in its own
 * transaction. On PostgreSQL an advisory lock lets several processes start at
 * once without racing; SQLite serialises writers by itself.
 */
import { sql, type Kysely } from 'kysely';
import type { Store, DialectName } from './database.js';
import * as core from './migrations/001-core.js';
import * as mail from './migrations/002-mail.js';
import * as calls from './migrations/003-calls.js';
import * as callRouting from './migrations/004-call-routing.js';
import * as mailExpiry from './migrations/005-mail-expiry.js';
import * as callParty from './migrations/006-call-party.js';

interface Migration {
  name: string;
  up(db: Kysely<unknown>, dialect: DialectName): Promise<void>;
}

const MIGRATIONS: Migration[] = [
  { name: '001-core', up: core.up },
  { name: '002-mail', up: mail.up },
  { name: '003-calls', up: calls.up },
  { name: '004-call-routing', up: callRouting.up },
  { name: '005-mail-expiry', up: mailExpiry.up },
  { name: '006-call-party', up: callParty.up },
];

/** Arbitrary constant naming Caseline's migration lock in pg_advisory_xact_lock. */
const MIGRATION_LOCK = 726_354_001;

export async function migrate(store: Store): Promise<string[]> {
  const { db, dialect } = store;
  await db.schema.createTable('caseline_migrations').ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();

  const applied: string[] = [];
  for (const migration of MIGRATIONS) {
    await db.transaction().execute(async (trx) => {
      if (dialect === 'postgres') {
        await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
      }
      const done = await trx.selectFrom('caseline_migrations').select('name')
        .where('name', '=', migration.name).executeTakeFirst();
      if (done) return;
      await migration.up(trx as unknown as Kysely<unknown>, dialect);
      await trx.insertInto('caseline_migrations')
        .values({ name: migration.name, applied_at: new Date().toISOString() }).execute();
      applied.push(migration.name);
    });
  }
  return applied;
}
