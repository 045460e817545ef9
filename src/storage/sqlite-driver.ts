/**
 * Kysely's SQLite driver, changed in one respect: it never waits for a lock on
 * the event loop's thread.
 *
 * SQLite lets one writer in at a time. Another process holding the write lock (a
 * `caseline import`, a backup) made better-sqlite3 wait inside its busy handler,
 * which sleeps on the only thread Node has: every request of the server stopped
 * until the lock came free or `busy_timeout` ran out. And a transaction that had
 * read before writing got SQLITE_BUSY at once, without waiting at all (WAL cannot
 * let its stale snapshot write), which answered staff with a 500.
 *
 * So here `busy_timeout` is 0 and a lock that is taken is waited for between
 * attempts, with the connection handed to other queries meanwhile:
 * - a transaction begins IMMEDIATE, taking the write lock before its first
 *   statement, so nothing inside it can meet a busy lock or a stale snapshot;
 *   if the lock is taken, it tries again after a pause, up to `waitMs`;
 * - a statement outside a transaction (its own transaction) is tried again the
 *   same way.
 * After `waitMs` the SQLITE_BUSY error is thrown (storage/errors.isBusyError):
 * the HTTP layer answers 503, the CTI writer tries again later.
 */
import {
  CompiledQuery, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type DatabaseConnection,
  type DatabaseIntrospector, type Dialect, type DialectAdapter, type Driver, type Kysely,
  type QueryCompiler, type QueryResult, type SqliteDatabase,
} from 'kysely';
import { isBusyError } from './errors.js';

const FIRST_PAUSE_MS = 2;
const LONGEST_PAUSE_MS = 50;

export class PatientSqliteDialect implements Dialect {
  constructor(private readonly db: SqliteDatabase, private readonly waitMs: number) {}

  createDriver(): Driver { return new PatientSqliteDriver(this.db, this.waitMs); }
  createQueryCompiler(): QueryCompiler { return new SqliteQueryCompiler(); }
  createAdapter(): DialectAdapter { return new SqliteAdapter(); }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

/** SQLite has one connection; queries take turns on it. */
class Turns {
  private held: Promise<void> | null = null;
  private release: (() => void) | null = null;

  async take(): Promise<void> {
    while (this.held) await this.held;
    this.held = new Promise((done) => { this.release = done; });
  }

  give(): void {
    const release = this.release;
    this.held = null;
    this.release = null;
    release?.();
  }
}

class PatientSqliteDriver implements Driver {
  private readonly turns = new Turns();
  private readonly connection: PatientConnection;

  constructor(private readonly db: SqliteDatabase, private readonly waitMs: number) {
    this.connection = new PatientConnection(db, (attempt) => this.whenFree(attempt));
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.turns.take();
    return this.connection;
  }

  async beginTransaction(): Promise<void> {
    await this.whenFree(() => this.connection.run('begin immediate'));
    this.connection.inTransaction = true;
  }

  async commitTransaction(): Promise<void> {
    this.connection.run('commit');
    this.connection.inTransaction = false;
  }

  async rollbackTransaction(): Promise<void> {
    this.connection.inTransaction = false;
    this.connection.run('rollback');
  }

  async releaseConnection(): Promise<void> {
    this.turns.give();
  }

  async destroy(): Promise<void> {
    this.db.close();
  }

  /**
   * Runs `attempt` until the database is not busy, giving the connection to other
   * queries during each pause (nothing of ours is open on it: no transaction has
   * begun, or the statement is its own transaction).
   */
  private async whenFree<T>(attempt: () => T): Promise<T> {
    const deadline = Date.now() + this.waitMs;
    let pause = FIRST_PAUSE_MS;
    for (;;) {
      try {
        return attempt();
      } catch (err) {
        if (!isBusyError(err) || Date.now() + pause > deadline) throw err;
      }
      this.turns.give();
      await new Promise((done) => setTimeout(done, pause));
      await this.turns.take();
      pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
    }
  }
}

class PatientConnection implements DatabaseConnection {
  inTransaction = false;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly retry: <T>(attempt: () => T) => Promise<T>,
  ) {}

  run(sql: string): void {
    this.db.prepare(sql).run([]);
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const attempt = () => this.execute<R>(query);
    return this.inTransaction ? attempt() : this.retry(attempt);
  }

  private execute<R>({ sql, parameters }: CompiledQuery): QueryResult<R> {
    const statement = this.db.prepare(sql);
    if (statement.reader) return { rows: statement.all(parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return {
      numAffectedRows: BigInt(changes),
      insertId: lastInsertRowid === undefined ? undefined : BigInt(lastInsertRowid),
      rows: [],
    };
  }

  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Caseline does not stream SQLite queries');
  }
}
