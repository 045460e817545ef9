/**
 * Opens the store named by DATABASE_URL: better-sqlite3 for `sqlite:PATH`, pg for
 * `postgres://…`. Everything above this file sees one Kysely<Database> and the
 * dialect's name, used only by the few modules that hide dialect differences.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, type SqliteDatabase } from 'kysely';
import type { Database } from './schema.js';
import { PatientSqliteDialect } from './sqlite-driver.js';

/**
 * How long a SQLite write waits for another process's write lock (a `caseline import`)
 * before it gives up as busy; the wait never blocks other requests (sqlite-driver.ts).
 */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

export type DialectName = 'sqlite' | 'postgres';

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  close(): Promise<void>;
}

export type Db = Kysely<Database>;

export function openStore(databaseUrl: string): Store {
  if (databaseUrl.startsWith('sqlite:')) return openSqlite(databaseUrl.slice('sqlite:'.length));
  return openPostgres(databaseUrl);
}

function openSqlite(file: string): Store {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers run beside the writer; NORMAL sync is safe under WAL and
  // makes small write transactions an order of magnitude faster.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // Never wait on the event loop's thread: sqlite-driver.ts waits between attempts.
  sqlite.pragma('busy_timeout = 0');
  const db = new Kysely<Database>({
    dialect: new PatientSqliteDialect(withStatementCache(sqlite), SQLITE_BUSY_TIMEOUT_MS),
  });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/** Distinct SQL texts kept prepared; Caseline issues a few hundred at most. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely prepares every query afresh; parsing and planning the SQL cost as much
 * as running it. Kysely's queries have their values as parameters, so the same
 * text comes back again and again: keep its prepared statement. Reuse is safe
 * because the dialect runs one query at a time on the connection and reads
 * every result in full (`all`) before the next starts.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const prepared = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = prepared.get(text);
      if (statement) {
        // Map order is insertion order: re-inserting marks it recently used.
        prepared.delete(text);
      } else {
        statement = sqlite.prepare(text);
        if (prepared.size >= STATEMENT_CACHE_SIZE) {
          prepared.delete(prepared.keys().next().value!);
        }
      }
      prepared.set(text, statement);
      return statement;
    },
  };
}

function openPostgres(url: string): Store {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client losing its server must not crash the process; the pool
  // replaces it on the next checkout.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}
