// `npm test`: starts one throw-away PostgreSQL, runs every *.test.ts under src/ and test/ with
// node's test runner, then always stops the server and removes the temporary directories.
//
//   npm test                       all test files
//   npm test -- src/domain auth    only files whose path contains "src/domain" or "auth"
//   npm test -- --test-name-pattern=login   arguments starting with "-" go to node
import { execFile, spawn } from 'node:child_process';
import {
  existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from './postgres.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TEST_DIRS = ['src', 'test'];
const CHILD_GRACE_MS = 10_000;
const SIGNAL_NUMBERS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };
const TAP_SUMMARY = /^# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) /;

const note = (message) => process.stderr.write(`[run-tests] ${message}\n`);
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** Every *.test.ts below src/ and test/, as sorted repository-relative paths with '/'. */
function findTestFiles() {
  const found = [];
  const walk = (relative) => {
    let entries;
    try {
      entries = readdirSync(path.join(ROOT, relative), { withFileTypes: true });
    } catch (error) {
      if (error.code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && entry.name.endsWith('.test.ts')) found.push(child);
    }
  };
  TEST_DIRS.forEach(walk);
  return found.sort();
}

// The spec reporter ends with "ℹ pass N"; CI looks for TAP's "# pass N". A second, TAP
// reporter writes to a file and its closing block is echoed verbatim after the spec output.
function printTapSummary(tapFile) {
  if (!existsSync(tapFile)) return;
  const lines = readFileSync(tapFile, 'utf8').split('\n').filter((line) => TAP_SUMMARY.test(line));
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
}

function parseArgs(argv) {
  const nodeOptions = [];
  const filters = [];
  for (const arg of argv) {
    if (arg === '--') continue; // `node scripts/run-tests.mjs -- x` keeps the '--'; npm drops it
    if (arg.startsWith('-')) nodeOptions.push(arg);
    else filters.push(arg.replaceAll('\\', '/').replace(/^\.\//, ''));
  }
  return { nodeOptions, filters };
}

// `--test-concurrency` is listed by `node --help` on Node 20.20 but missing from older 20.x
// (process.allowedNodeEnvironmentFlags can't tell: the flag isn't allowed in NODE_OPTIONS).
// Without it Node 20 runs one file at a time on 2 cores (availableParallelism - 1).
function supportsConcurrencyFlag() {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--help'], (error, stdout) => {
      resolve(!error && stdout.includes('--test-concurrency'));
    });
  });
}

let child; // the `node --test` process, in its own process group
let interrupted; // name of the signal that asked us to stop

function onSignal(signal) {
  if (interrupted) return;
  interrupted = signal;
  note(`${signal}: stopping the tests, then PostgreSQL`);
  if (!child) return;
  killGroup(signal);
  setTimeout(() => killGroup('SIGKILL'), CHILD_GRACE_MS).unref();
}

function killGroup(signal) {
  try {
    process.kill(-child.pid, signal); // negative pid: the whole group (test files, Chromium)
  } catch {
    // the group is already gone
  }
}

function runNode(args, env) {
  return new Promise((resolve, reject) => {
    // detached = own process group, so one kill reaches every test file and browser it spawned.
    child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: 'inherit', detached: true });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      // Anything left in the group (a browser a test forgot to close) would hold TMPDIR.
      killGroup('SIGKILL');
      resolve(code ?? 128 + (SIGNAL_NUMBERS[signal] ?? 1));
    });
  });
}

/** Newest modification time of any file below `dir` (0 when it does not exist). */
function newestMtime(dir) {
  let newest = 0;
  const walk = (d) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  walk(dir);
  return newest;
}

// The browser tests drive the built web app: rebuild it when web/ changed since the last
// build, so a local run never tests yesterday's pages. (npm ci builds it on a fresh clone.)
function buildWebAppIfStale() {
  const built = path.join(ROOT, 'dist/web/index.html');
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  if (newestMtime(path.join(ROOT, 'web')) <= builtAt) return Promise.resolve(0);
  note('web/ changed since the last build: building the web app');
  return new Promise((resolve) => {
    const vite = spawn(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    { cwd: ROOT, stdio: 'inherit' });
    vite.once('exit', (code) => resolve(code ?? 1));
  });
}

const NPM_START_TEST = 'test/npm-start.test.ts';

// The `npm start` test runs the compiled server (dist/server): recompile when src/ changed.
function buildServerIfStale() {
  const built = path.join(ROOT, 'dist/server/cli/main.js');
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  if (newestMtime(path.join(ROOT, 'src')) <= builtAt) return Promise.resolve(0);
  note('src/ changed since the last build: compiling the server');
  return new Promise((resolve) => {
    const tsc = spawn(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'),
      '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'inherit' });
    tsc.once('exit', (code) => resolve(code ?? 1));
  });
}

async function main() {
  const startedAt = performance.now();
  const { nodeOptions, filters } = parseArgs(process.argv.slice(2));
  const files = findTestFiles().filter(
    (file) => filters.length === 0 || filters.some((filter) => file.includes(filter)),
  );
  if (files.length === 0) {
    // Exit non-zero: "no tests ran" must never look like a green run.
    note(`no test files match ${filters.length ? filters.join(', ') : 'src/ or test/'}`);
    return 1;
  }
  // Browser tests drive the built web app, and the `npm start` test the compiled server.
  const needsBuild = files.some((f) => f.startsWith('test/browser/') || f === NPM_START_TEST);
  if (needsBuild && await buildWebAppIfStale() !== 0) {
    note('the web app did not build');
    return 1;
  }
  if (files.includes(NPM_START_TEST) && await buildServerIfStale() !== 0) {
    note('the server did not build');
    return 1;
  }

  // Own TMPDIR per run: @sparticuz/chromium unpacks into it and Chromium keeps profiles there.
  const runDir = mkdtempSync(path.join(os.tmpdir(), 'caseline-test-'));
  let postgres;
  try {
    const concurrencyFlag = supportsConcurrencyFlag(); // runs while PostgreSQL starts
    postgres = await startPostgres();
    note(`PostgreSQL on 127.0.0.1:${postgres.port} ready in ${seconds(postgres.startMs)}`);
    if (interrupted) return 128 + SIGNAL_NUMBERS[interrupted];

    const tapFile = path.join(runDir, 'report.tap');
    const args = ['--import', 'tsx', '--test',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${tapFile}`];
    if (await concurrencyFlag) args.push('--test-concurrency=2');
    args.push(...nodeOptions, ...files);
    const env = {
      ...process.env,
      TZ: 'UTC',
      NODE_ENV: 'test',
      TMPDIR: runDir,
      CASELINE_TEST_PG_URL: postgres.url,
    };
    note(`running ${files.length} test file(s)`);
    const code = await runNode(args, env);
    printTapSummary(tapFile);
    return interrupted ? 128 + SIGNAL_NUMBERS[interrupted] : code;
  } finally {
    const stopAt = performance.now();
    await postgres?.stop();
    rmSync(runDir, { recursive: true, force: true });
    const stopMs = performance.now() - stopAt;
    note(`PostgreSQL stopped and temporary files removed in ${seconds(stopMs)}`);
    note(`total ${seconds(performance.now() - startedAt)}`);
  }
}

for (const signal of Object.keys(SIGNAL_NUMBERS)) process.on(signal, onSignal);

main().then(
  (code) => process.exit(code),
  (error) => {
    note(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
