/**
 * The customer's side of a call as E.164, worked out when the call's events are
 * written: the caller of an incoming call, the number dialled of an outgoing one.
 * Reading a call then needs no account region to look the customer up.
 */
import { sql, type Kysely } from 'kysely';

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('calls').addColumn('party_e164', 'text').execute();
  // Incoming calls written before: their caller is the customer. Outgoing ones stay
  // unknown (their number needs the account's region), as they were matched on none.
  await sql`update calls set party_e164 = from_e164 where direction <> 'out'`.execute(db);
}
