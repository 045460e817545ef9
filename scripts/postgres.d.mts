// Types for scripts/postgres.mjs, so TypeScript code (the benchmark) can import it strictly.

export interface RunningPostgres {
  /** postgres://user:password@127.0.0.1:port/postgres */
  url: string;
  host: string;
  port: number;
  user: string;
  password: string;
  /** Temporary data directory; removed by stop(). */
  dataDir: string;
  /** Milliseconds from the call to startPostgres until the server accepted connections. */
  startMs: number;
  /** The last lines the server and initdb printed. */
  log(): string;
  /** Stops the server and deletes its data directory; safe to call more than once. */
  stop(): Promise<void>;
}

export function freePort(): Promise<number>;

export function startPostgres(options?: { log?: (line: string) => void }): Promise<RunningPostgres>;
