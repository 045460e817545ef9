/**
 * Word search over case subjects and message bodies, the one query that
 * differs by dialect: FTS5 in SQLite, tsvector GIN indexes in PostgreSQL.
 * Both match every word given, each as a prefix ("refun" finds "refund").
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { DialectName } from './database.js';
import type { Visibility } from '../domain/types.js';

/** Letters and digits only: nothing typed can reach the match syntax. */
export function searchWords(q: string): string[] {
  return (q.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
}

/**
 * A condition on `cases.id`: the subject matches, or a message the reader may
 * read matches. `visibilities` must come from access.readableVisibilities.
 */
export function caseMatchesWords(
  dialect: DialectName, words: string[], visibilities: readonly Visibility[],
): Expression<SqlBool> {
  const levels = sql.join(visibilities.map((v) => sql`${v}`));
  if (dialect === 'sqlite') {
    const match = words.map((w) => `"${w}"*`).join(' ');
    return sql<SqlBool>`(cases.id in (select rowid from cases_fts where cases_fts match ${match})
      or cases.id in (select m.case_id from messages_fts f
        join messages m on m.id = f.rowid
        where messages_fts match ${match} and m.visibility in (${levels})))`;
  }
  const query = words.map((w) => `${w}:*`).join(' & ');
  return sql<SqlBool>`(to_tsvector('simple', cases.subject) @@ to_tsquery('simple', ${query})
    or exists (select 1 from messages m where m.case_id = cases.id
      and m.visibility in (${levels})
      and to_tsvector('simple', m.body) @@ to_tsquery('simple', ${query})))`;
}
