/**
 * `npm run bench`: seed (or reuse) the SQLite database, start Caseline and the
 * bare-Fastify ceiling, measure every scenario in interleaved rounds, report medians and
 * write docs/performance.md. Interleaving (round 1 of every scenario, then round 2, …)
 * spreads a burst of someone else's work over all scenarios instead of one.
 *
 *   npm run bench [-- --reseed] [--rounds 3] [--seconds 8] [--warmup 2] [--no-write]
 *                    [--cpu-prof DIR]   (the server's CPU profile, for finding where time goes)
 *                    [--phone-only]     (only the phone scenarios; writes no figures)
 *                    [--staff-only]     (only the staff scenarios; writes no figures)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildServerIfStale } from './build.js';
import { startCeiling } from './ceiling.js';
import { cleanupAll, installSignalHandlers, onCleanup } from './cleanup.js';
import { prng } from './data.js';
import { measure, type LoadSettings, type Measurement } from './load.js';
import { describeMachine, finishMachine } from './machine.js';
import { memoryOf, RssSampler } from './proc.js';
import { printSummary, writeReport, type BenchReport } from './report.js';
import { AGENT_DEPARTMENT, SCENARIOS } from './scenarios.js';
import { copyForRun, seededDatabase } from './seed.js';
import { startCaseline } from './server.js';
import { runPhoneBench } from './phone.js';
import { probe, signIn, type Probe } from './session.js';
import { summarise } from './stats.js';
import { collectDataFacts } from './data-facts.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

function options() {
  const { values } = parseArgs({
    options: {
      reseed: { type: 'boolean', default: false },
      rounds: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '8' },
      warmup: { type: 'string', default: '2' },
      'no-write': { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
      'phone-only': { type: 'boolean', default: false },
      'staff-only': { type: 'boolean', default: false },
    },
  });
  const number = (name: string, v: string, min: number, max: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
    }
    return n;
  };
  return {
    reseed: values.reseed,
    // A profiled server is slower: its figures must not end up in docs/performance.md.
    write: !values['no-write'] && values['cpu-prof'] === undefined && !values['phone-only']
      && !values['staff-only'],
    phoneOnly: values['phone-only'],
    staffOnly: values['staff-only'],
    cpuProfileDir: values['cpu-prof'],
    rounds: number('rounds', values.rounds, 1, 9),
    // Bounded, so no invocation can turn into an open-ended load test.
    settings: {
      connections: 16,
      seconds: number('seconds', values.seconds, 1, 60),
      warmupSeconds: number('warmup', values.warmup, 0, 30),
    } satisfies LoadSettings,
  };
}

async function main(): Promise<void> {
  const opts = options();
  installSignalHandlers();
  const started = performance.now();
  const machine = describeMachine();

  const buildSeconds = await buildServerIfStale();
  log(buildSeconds === null ? 'server build: up to date'
    : `server build: compiled in ${buildSeconds.toFixed(1)} s`);
  const phoneSettings = { reseed: opts.reseed, settings: opts.settings,
    popSeconds: opts.settings.seconds * 2 };
  if (opts.phoneOnly) {
    await runPhoneBench(phoneSettings, log);
    return;
  }
  const seed = await seededDatabase(opts.reseed, log);
  log(`seed: ${seed.cached ? 'cached' : 'seeded'} ${seed.file} `
    + `(${(seed.bytes / 1024 ** 2).toFixed(0)} MB, seeding took ${seed.seedSeconds.toFixed(0)} s)`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseline-bench-run-'));
  onCleanup('run directory', () => fs.rmSync(dir, { recursive: true, force: true }),
    () => fs.rmSync(dir, { recursive: true, force: true }));
  const databaseFile = copyForRun(seed.file, dir);
  const data = collectDataFacts(databaseFile);

  if (opts.cpuProfileDir) fs.mkdirSync(opts.cpuProfileDir, { recursive: true });
  const caseline = await startCaseline(databaseFile, opts.cpuProfileDir);
  const ceiling = await startCeiling();
  const startMemory = memoryOf(caseline.pid);
  const headers = { cookie: await signIn(caseline.url, AGENT_DEPARTMENT) };

  const probes = new Map<string, Probe>();
  for (const s of SCENARIOS) {
    const url = s.server === 'ceiling' ? ceiling.url : caseline.url;
    probes.set(s.key, await probe(url, s, s.server === 'ceiling' ? {} : headers, prng(7)));
  }

  const rss = new RssSampler(caseline.pid);
  const rounds = new Map<string, Measurement[]>(SCENARIOS.map((s) => [s.key, []]));
  for (let round = 1; round <= opts.rounds; round++) {
    for (const [index, s] of SCENARIOS.entries()) {
      const target = s.server === 'ceiling' ? { url: ceiling.url, pid: ceiling.pid }
        : { url: caseline.url, pid: caseline.pid, rss };
      const rand = prng(1_000 * round + index);
      const m = await measure(target, opts.settings, () => s.next(rand),
        s.server === 'ceiling' ? {} : headers);
      rounds.get(s.key)!.push(m);
      log(`round ${round}/${opts.rounds}  ${s.title.padEnd(30)} ${m.rps.toFixed(0).padStart(6)}`
        + ` req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  non-2xx ${m.non2xx}  errors ${m.errors}`
        + `  cpu ${m.cpuMsPerRequest.toFixed(3)} ms/req`);
    }
  }
  rss.stop();
  const endMemory = memoryOf(caseline.pid);
  // The phone scenarios get the machine to themselves.
  await caseline.stop();
  await ceiling.stop();
  const phone = opts.staffOnly ? null : await runPhoneBench(phoneSettings, log);

  const report: BenchReport = {
    date: new Date(),
    machine: finishMachine(machine),
    seed, data, buildSeconds, settings: opts.settings, roundCount: opts.rounds,
    results: SCENARIOS.map((s) => ({
      scenario: s, probe: probes.get(s.key)!, summary: summarise(rounds.get(s.key)!),
    })),
    memory: { start: startMemory, peakSampledMb: rss.overallPeakMb, end: endMemory },
    phone,
    runSeconds: (performance.now() - started) / 1000,
  };
  printSummary(report);
  if (opts.write) log(`wrote ${writeReport(report)}`);
  if (opts.cpuProfileDir) log(`server CPU profile: written to ${opts.cpuProfileDir} as it stops`);
}

try {
  await main();
} catch (err) {
  process.exitCode = 1;
  log(`bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
} finally {
  await cleanupAll();
}
