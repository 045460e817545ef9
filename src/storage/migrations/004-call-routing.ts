/**
 * Who a call rings for: admins' routes from a call's number called, queue or user names to
 * departments or people, and each call's audience as worked out from them. Also an index
 * of the calls not yet ended, which the sweep of calls that never got a hang-up reads.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.js';

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  const idType = dialect === 'sqlite' ? 'integer' : 'serial';

  await db.schema.createTable('call_routes')
    .addColumn('id', idType, (c) => c.primaryKey())
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    // What a call's field is compared with: E.164 for numbers, else lower-cased text.
    .addColumn('value_key', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.references('departments.id'))
    .addColumn('staff_id', 'integer', (c) => c.references('staff.id'))
    // "d:ID" or "s:ID": a unique key cannot rely on the nullable columns (NULLs differ).
    .addColumn('target_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('call_routes_unique',
      ['account_id', 'field', 'value_key', 'target_key'])
    .execute();

  // JSON {departments, staff}; null when the call rings for every member.
  await db.schema.alterTable('calls').addColumn('audience', 'text').execute();

  await sql`create index calls_unfinished on calls (updated_at) where state <> 'ended'`
    .execute(db);
}
