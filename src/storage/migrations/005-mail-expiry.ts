/**
 * A mail whose link stops working (a pairing instruction, a portal sign-in link)
 * remembers when; the outbox worker does not send it after that.
 */
import type { Kysely } from 'kysely';

type AnyDb = Kysely<unknown>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('expires_at', 'text').execute();
}
