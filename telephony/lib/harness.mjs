/**
 * The inside of a run, in the private network namespace: start Caseline and the PBX, run
 * the scenarios, report, and stop everything, also on a signal or past the time limit.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';

import { otherFormat, pickCustomer, startCaseline } from './caseline.mjs';
import { startPbx } from './kamailio.mjs';
import { bringLoopbackUp } from './namespace.mjs';
import { showLogs, stop } from './processes.mjs';
import { Check, SCENARIOS } from './scenarios.mjs';
import { KEEP, RUN_LIMIT_MS, SIGNAL_CODE, SIGNALS } from './settings.mjs';
import { findProgram, secs } from './util.mjs';

/** Set once a signal or the time limit stops the run: the scenarios then stop too. */
let aborting = false;

/** Runs everything in `tmp` (made by the outside) and exits with 0 only if all passed. */
export async function runInside(tmp) {
  const started = Date.now();
  const procs = [];
  let cleaning;
  const cleanup = () => (cleaning ??= (async () => {
    for (const p of [...procs].reverse()) await stop(p);
    if (!KEEP) rmSync(join(tmp, 'work'), { recursive: true, force: true });
  })());
  const abort = async (message, code) => {
    if (aborting) return;
    aborting = true;
    console.error(`\ntelephony: ${message}; stopping everything`);
    await cleanup();
    console.error(`telephony: stopped after ${secs(started)} s`);
    process.exit(code);
  };
  for (const signal of SIGNALS) {
    process.on(signal, () => { void abort(`${signal} received`, SIGNAL_CODE[signal]); });
  }
  const watchdog = setTimeout(() => {
    void abort(`FAIL: the run did not finish within ${RUN_LIMIT_MS / 1000} s`, 1);
  }, RUN_LIMIT_MS);

  const work = join(tmp, 'work');
  const ctx = { tmp: work, procs, pidFile: join(tmp, 'pids') };
  let code = 1;
  try {
    mkdirSync(work);
    bringLoopbackUp();
    code = await runAll(ctx);
  } catch (err) {
    if (!aborting) {
      console.error(`FAIL setup: ${err.message}`);
      showLogs(ctx);
    }
  } finally {
    if (!aborting) clearTimeout(watchdog);
    await cleanup();
  }
  if (aborting) return; // abort() reports and exits
  console.log(`telephony: ${code === 0 ? 'all passed' : 'FAILED'} in ${secs(started)} s`
    + (KEEP ? ` (logs in ${tmp})` : ''));
  process.exit(code);
}

async function runAll(ctx) {
  const names = Object.keys(networkInterfaces());
  console.log(`telephony: ${versions()}; network namespace with ${names.join(', ')} only`);

  let t = Date.now();
  const { api, base, slug } = await startCaseline(ctx);
  console.log(`  Caseline on ${base}, account "${slug}", conversations imported (${secs(t)} s)`);

  const who = await pickCustomer(api);
  const callerId = otherFormat(who.phone.raw, who.phone.e164);
  console.log(`  customer C${who.customer.customerNo} ${who.customer.name ?? '(no name)'}: `
    + `phone "${who.phone.raw}" (${who.phone.e164}), open cases `
    + `${who.openCaseNos.map((n) => `#${n}`).join(' ')}; the caller ID will be "${callerId}"`);

  t = Date.now();
  const pbx = await startPbx(ctx, api);
  console.log(`  Kamailio on udp:127.0.0.1:${pbx.port} posting to ${base}/api/v1/cti/… `
    + `(${secs(t)} s)`);

  const env = { ctx, api, pbx, who, callerId };
  let failed = 0;
  for (const [title, scenario] of SCENARIOS) {
    if (aborting) break;
    const t0 = Date.now();
    const check = new Check();
    try {
      await scenario(check, env);
    } catch (err) {
      check.problems.push(err.message);
    }
    if (aborting) break;
    const ok = check.problems.length === 0;
    if (!ok) failed += 1;
    console.log(`${ok ? 'PASS' : 'FAIL'} ${title} (${secs(t0)} s)`);
    for (const line of check.notes) console.log(`       ${line}`);
    for (const line of check.problems) console.log(`     ✗ ${line}`);
    if (!ok) showLogs(ctx, check.logs);
  }
  if (aborting) return 1;
  console.log(`telephony: ${SCENARIOS.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

/** The Debian package versions, printed first so that a failure can be matched to them. */
function versions() {
  const dpkg = findProgram('dpkg-query');
  const of = (pkg) => (dpkg ? spawnSync(dpkg, ['-W', '-f', '${Version}', pkg],
    { encoding: 'utf8', timeout: 5000 }).stdout : '') || '?';
  return `Kamailio ${of('kamailio')}, baresip ${of('baresip')}, sipsak ${of('sipsak')}`;
}
