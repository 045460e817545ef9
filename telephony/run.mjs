#!/usr/bin/env node
/**
 * `npm run test:telephony`: Caseline with a real phone system, end to end.
 *
 * Starts Caseline (already built by `npm ci`) on a temporary SQLite database,
 * signs up an account, imports the shared conversations, starts Kamailio as a
 * small PBX (telephony/kamailio/caseline.cfg) that posts CTI events to the
 * account's webhook, places real SIP calls with baresip and sipsak, and checks
 * what Caseline shows in GET /api/v1/calls:
 *
 *   (a) a caller whose number belongs to an imported customer (written in
 *       another format) pops that customer with their open cases; answered,
 *       then ended
 *   (b) a withheld number (anonymous From; Privacy: id) shows no number and
 *       matches no one
 *   (c) a call the caller cancels while it rings is missed
 *   (d) a number on the account's blocked list gets busy
 *
 * Everything runs inside a private network namespace (`unshare --net`) whose
 * only interface is the loopback: baresip 1.0 binds its media sockets to
 * 0.0.0.0, and nothing here may reach another host. Every process is stopped
 * and the temp folder removed at the end, on failure and on Ctrl-C.
 *
 *   node telephony/run.mjs [--keep]     --keep: leave the temp folder (logs)
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import {
  appendFileSync, closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync,
  rmSync, writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const SELF = fileURLToPath(import.meta.url);
const APT_PACKAGES = 'kamailio kamailio-utils-modules kamailio-extra-modules baresip sipsak';
const APT_COMMAND = `apt-get update && apt-get install -y --no-install-recommends ${APT_PACKAGES}`;
const DATA_DIR = resolve(process.env.CASELINE_CONVERSATIONS_DIR
  ?? join(ROOT, '..', 'shared', 'data', 'conversations'));
const KEEP = process.argv.includes('--keep');
/** The whole run, set-up included, must finish within this. */
const RUN_LIMIT_MS = 240_000;
const HTTP_TIMEOUT_MS = 10_000;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const SIGNAL_CODE = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
/** Set once a signal or the time limit stops the run: the scenarios then stop too. */
let aborting = false;

// ------------------------------------------------------------------ outside

/** Checks what is needed, then runs `inner` in a loopback-only network namespace. */
async function outer() {
  checkPrerequisites();
  const unshare = findProgram('unshare');
  const asUser = process.getuid?.() !== 0 ? ['--map-root-user'] : [];
  const probe = spawnSync(unshare, ['--net', ...asUser, 'true'],
    { encoding: 'utf8', timeout: 10_000 });
  if (probe.status !== 0) {
    fail('cannot create a private network namespace '
      + `(unshare --net ${asUser.join(' ')}: ${(probe.stderr || probe.error || '').trim()}).\n`
      + 'Run as root (e.g. `sudo npm run test:telephony`), allow unprivileged user namespaces, '
      + 'or in a container grant CAP_SYS_ADMIN.');
  }

  const tmp = mkdtempSync(join(tmpdir(), 'caseline-telephony-'));
  const child = spawn(unshare, ['--net', ...asUser, '--', process.execPath, SELF,
    ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, CASELINE_TELEPHONY_INNER: '1', CASELINE_TELEPHONY_TMP: tmp },
  });
  // A terminal's Ctrl-C reaches the child too; a signal sent to us alone is passed on.
  for (const signal of SIGNALS) {
    process.on(signal, () => { if (child.exitCode === null) child.kill(signal); });
  }
  // The child keeps its own time limit; this one is for a child that hangs regardless.
  const hardLimit = setTimeout(() => {
    console.error('telephony: the test process hangs; killing it');
    child.kill('SIGKILL');
  }, RUN_LIMIT_MS + 60_000);
  const code = await new Promise((done) => {
    child.on('error', (err) => { console.error(`telephony: ${err.message}`); done(1); });
    child.on('exit', (exitCode, signal) => done(exitCode ?? SIGNAL_CODE[signal] ?? 1));
  });
  clearTimeout(hardLimit);
  // Normally the child has stopped everything; if it was killed, stop what it left.
  stopLeftovers(join(tmp, 'pids'));
  if (KEEP) console.log(`telephony: logs kept in ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
  process.exit(code);
}

function checkPrerequisites() {
  const missing = [];
  const kamailio = findProgram('kamailio');
  if (!kamailio) missing.push('kamailio (package kamailio)');
  else {
    const info = spawnSync(kamailio, ['-I'], { encoding: 'utf8', timeout: 10_000 });
    const dir = /Default paths to modules:\s*(\S+)/.exec(`${info.stdout}${info.stderr}`)?.[1];
    const modules = [['tm.so', 'kamailio'], ['async.so', 'kamailio'],
      ['http_client.so', 'kamailio-utils-modules'], ['jansson.so', 'kamailio-extra-modules']];
    for (const [file, pkg] of modules) {
      if (!dir || !existsSync(join(dir, file))) {
        missing.push(`Kamailio module ${file} (package ${pkg})`);
      }
    }
  }
  if (!findProgram('baresip')) missing.push('baresip (package baresip)');
  else {
    for (const file of ['g711.so', 'ausine.so', 'aubridge.so', 'account.so', 'menu.so']) {
      if (!existsSync(join('/usr/lib/baresip/modules', file))) {
        missing.push(`baresip module ${file} (package baresip-core, installed with baresip)`);
      }
    }
  }
  if (!findProgram('sipsak')) missing.push('sipsak (package sipsak)');
  if (!findProgram('unshare')) missing.push('unshare (package util-linux)');
  if (!findProgram('ip') && !findProgram('perl')) missing.push('ip (package iproute2)');
  if (missing.length > 0) {
    fail(`missing ${missing.join(', ')}.\nInstall the Debian packages with:\n`
      + `  ${process.getuid?.() === 0 ? '' : 'sudo sh -c '}`
      + `${process.getuid?.() === 0 ? APT_COMMAND : `'${APT_COMMAND}'`}`);
  }
  if (!existsSync(join(ROOT, 'dist', 'server', 'cli', 'main.js'))) {
    fail('Caseline is not built: run `npm ci` (or `npm run build`) first.');
  }
  if (!existsSync(join(DATA_DIR, 'cases.csv'))) {
    fail(`no conversations to import in ${DATA_DIR} (set CASELINE_CONVERSATIONS_DIR)`);
  }
}

/** Kills (by id) what a killed child left running, if it is still what it was. */
function stopLeftovers(pidFile) {
  if (!existsSync(pidFile)) return;
  for (const line of readFileSync(pidFile, 'utf8').split('\n')) {
    const [pid, program] = line.split(' ');
    if (!pid || !program) continue;
    let cmdline = '';
    try { cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { continue; }
    if (!cmdline.includes(program)) continue;
    try {
      process.kill(-Number(pid), 'SIGKILL');
      console.error(`telephony: stopped leftover ${program} (pid ${pid})`);
    } catch { /* already gone */ }
  }
}

// ------------------------------------------------------------------ inside

async function inner(tmp) {
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

  // --- Caseline, an account, the shared conversations
  let t = Date.now();
  const httpPort = await freeTcpPort();
  const base = `http://127.0.0.1:${httpPort}`;
  const caselineEnv = cleanEnv({
    HOST: '127.0.0.1', PORT: String(httpPort), DATABASE_URL: `sqlite:${join(ctx.tmp, 'cl.db')}`,
    LOG_LEVEL: 'info', CASELINE_SIGNUP: 'open',
  });
  const caseline = startProcess(ctx, 'caseline', process.execPath,
    [join(ROOT, 'bin', 'caseline.js'), 'serve'], { env: caselineEnv, cwd: ROOT });
  await waitHttpReady(base, caseline, 30_000);
  const api = new Api(base);
  const slug = `phone-${randomBytes(3).toString('hex')}`;
  await api.post('/api/v1/signup', {
    accountName: 'Telephony Test Ltd', accountSlug: slug, adminName: 'Pat Phone',
    adminEmail: `pat@${slug}.test`, password: randomBytes(18).toString('base64url'),
    defaultRegion: 'US',
  });
  const imported = await runToEnd(ctx, 'import', process.execPath,
    [join(ROOT, 'bin', 'caseline.js'), 'import', '--account', slug, '--dir', DATA_DIR],
    { env: caselineEnv, cwd: ROOT }, 180_000);
  if (imported.code !== 0) throw new Error(`caseline import failed:\n${tail(imported.log, 10)}`);
  console.log(`  Caseline on ${base}, account "${slug}", conversations imported (${secs(t)} s)`);

  const who = await pickCustomer(api);
  const callerId = otherFormat(who.phone.raw, who.phone.e164);
  console.log(`  customer C${who.customer.customerNo} ${who.customer.name ?? '(no name)'}: `
    + `phone "${who.phone.raw}" (${who.phone.e164}), open cases `
    + `${who.openCaseNos.map((n) => `#${n}`).join(' ')}; the caller ID will be "${callerId}"`);

  // --- the PBX
  t = Date.now();
  const { webhookUrl, token } = await api.get('/api/v1/telephony');
  if (!webhookUrl.includes(token)) throw new Error(`webhook URL ${webhookUrl} lacks the token`);
  if (!/^[A-Za-z0-9._~:/-]+$/.test(webhookUrl)) throw new Error('unexpected webhook URL');
  const sipPort = await freeUdpPort();
  const pbx = { host: '127.0.0.1', port: sipPort };
  const cfg = join(ctx.tmp, 'pbx.cfg');
  writeFileSync(cfg, [
    '#!KAMAILIO',
    '# written by telephony/run.mjs for one test run',
    `#!define CTI_URL "${webhookUrl}"`,
    `#!define SIP_PORT ${sipPort}`,
    '#!define RING_TIMEOUT_S 20',
    `include_file "${join(HERE, 'kamailio', 'caseline.cfg')}"`,
    '',
  ].join('\n'), { mode: 0o600 });
  const kamailio = findProgram('kamailio');
  const check = await runToEnd(ctx, 'kamailio-check', kamailio,
    ['-c', '-f', cfg, '-Y', ctx.tmp], {}, 20_000);
  if (check.code !== 0) throw new Error(`Kamailio rejects its config:\n${tail(check.log, 15)}`);
  const pbxProc = startProcess(ctx, 'kamailio', kamailio,
    ['-DD', '-E', '-f', cfg, '-Y', ctx.tmp, '-m', '32', '-M', '8']);
  await waitSipReady(pbx, pbxProc, 15_000);
  console.log(`  Kamailio on udp:127.0.0.1:${sipPort} posting to ${base}/api/v1/cti/… `
    + `(${secs(t)} s)`);

  // --- the calls
  const env = { ctx, api, pbx, who, callerId };
  const scenarios = [
    ['(a) a known caller pops the customer and their open cases', knownCaller],
    ['(b) a withheld number shows no number and no customer', withheldCaller],
    ['(c) a call cancelled while ringing is missed', cancelledCall],
    ['(d) a number on the blocked list gets busy', blockedCaller],
  ];
  let failed = 0;
  for (const [title, scenario] of scenarios) {
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
  console.log(`telephony: ${scenarios.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

// ------------------------------------------------------------------ scenarios

/** (a) baresip calls as the customer, number written another way; 100 answers. */
async function knownCaller(check, { ctx, api, pbx, who, callerId }) {
  const seen = await knownCallIds(api);
  const run = await baresipCall(ctx, 'caller',
    { number: callerId, exten: '100', pbx, seconds: 5 });
  check.logs.push(run);
  check.expect(run.code === 0, `baresip exited with ${run.code}`);
  check.expect(/Call established/.test(run.log), 'baresip: the call was not established');
  const call = await waitForCall(api, { seen, to: '100' }, (c) => c.state === 'ended', 10_000);
  const no = who.customer.customerNo;
  check.expect(call.from === callerId, `from is ${show(call.from)}, expected ${show(callerId)}`);
  check.expect(call.fromE164 === who.phone.e164,
    `fromE164 is ${show(call.fromE164)}, expected ${who.phone.e164}`);
  check.expect(call.answeredAt !== null, 'the call was never answered');
  check.expect(call.endedAt !== null, 'the call has no end');
  check.expect(call.cause === 'normalClearing', `cause ${show(call.cause)}, not normalClearing`);
  check.expect(call.missed === false, 'an answered call is marked missed');
  const match = call.matches.find((m) => m.customer.customerNo === no);
  check.note(`call ${call.callId}: from "${call.from}" = ${call.fromE164}; matches `
    + `${call.matches.map((m) => `C${m.customer.customerNo}`).join(', ') || 'none'}`);
  if (check.expect(match, `customer C${no} is not among the matches`)) {
    const popped = match.openCases.map((c) => c.caseNo).sort((a, b) => a - b);
    check.expect(sameList(popped, who.openCaseNos),
      `open cases popped ${popped.join(',')}, expected ${who.openCaseNos.join(',')}`);
    check.expect(match.openCases.every((c) => c.status !== 'closed'), 'a closed case popped');
    check.note(`C${no} ${match.customer.name ?? ''}: open cases `
      + `${popped.map((n) => `#${n}`).join(' ')} (${match.openCases.length})`);
  }
  check.note(`rang ${gap(call.startedAt, call.answeredAt)} s, answered by `
    + `${show(call.answeredBy)}, ended ${show(call.cause)} `
    + `${gap(call.answeredAt, call.endedAt)} s later`);
}

/** (b) baresip with an anonymous From, and sipsak with `Privacy: id` over a real number. */
async function withheldCaller(check, { ctx, api, pbx, callerId }) {
  const seen = await knownCallIds(api);
  const run = await baresipCall(ctx, 'anonymous', { exten: '100', pbx, seconds: 3 });
  check.logs.push(run);
  check.expect(run.code === 0, `baresip exited with ${run.code}`);
  check.expect(/Call established/.test(run.log), 'baresip: the call was not established');
  const call = await waitForCall(api, { seen, to: '100' }, (c) => c.state === 'ended', 10_000);
  expectWithheld(check, call);
  check.note(`baresip, From anonymous@anonymous.invalid: call ${call.callId} from `
    + `${show(call.from)}, ${call.matches.length} matches, ${call.state} ${show(call.cause)}`);

  const sip = await sipsakCall(ctx, 'withheld-by-privacy.sip',
    { caller: callerId, exten: '486', pbx });
  check.logs.push(sip);
  check.expect(sip.finalReply === '486', `sipsak got ${show(sip.finalReply)}, expected 486`);
  const hidden = await waitForCall(api, { callId: sip.callId }, (c) => c.state === 'ended',
    10_000);
  expectWithheld(check, hidden);
  check.note(`sipsak, PAI ${callerId} + Privacy: id: from ${show(hidden.from)}, `
    + `${hidden.matches.length} matches, ${hidden.state} ${show(hidden.cause)}`);
}

function expectWithheld(check, call) {
  check.expect(call.from === null, `from is ${show(call.from)}, expected null`);
  check.expect(call.fromE164 === null, `fromE164 is ${show(call.fromE164)}, expected null`);
  check.expect(call.matches.length === 0, `${call.matches.length} customers matched`);
  check.expect(call.state === 'ended', `state ${call.state}`);
}

/** (c) baresip calls 200, which only rings, and hangs up after 2 s: a CANCEL. */
async function cancelledCall(check, { ctx, api, pbx, callerId }) {
  const seen = await knownCallIds(api);
  const run = await baresipCall(ctx, 'caller',
    { number: callerId, exten: '200', pbx, seconds: 2 });
  check.logs.push(run);
  check.expect(run.code === 0, `baresip exited with ${run.code}`);
  check.expect(!/Call established/.test(run.log), 'baresip: the call was answered');
  const call = await waitForCall(api, { seen, to: '200' }, (c) => c.state === 'ended', 10_000);
  check.expect(call.answeredAt === null, 'the call was answered');
  check.expect(call.cause === 'cancel', `cause ${show(call.cause)}, expected cancel`);
  check.expect(call.missed === true, 'the call is not marked missed');
  check.note(`call ${call.callId} from "${call.from}": ${call.state} ${show(call.cause)} `
    + `after ${gap(call.startedAt, call.endedAt)} s, missed ${call.missed}`);
}

/** (d) an admin blocks a number; its call to 100 (which would answer) gets 486. */
async function blockedCaller(check, { ctx, api, pbx }) {
  const blocked = await api.post('/api/v1/telephony/blocked',
    { number: '(212) 555-0199', note: 'telephony test' });
  const sip = await sipsakCall(ctx, 'caller.sip', { caller: '+12125550199', exten: '100', pbx });
  check.logs.push(sip);
  check.expect(sip.finalReply === '486', `sipsak got ${show(sip.finalReply)}, expected 486`);
  const call = await waitForCall(api, { callId: sip.callId }, (c) => c.state === 'ended',
    10_000);
  check.expect(call.fromE164 === blocked.e164, `fromE164 ${show(call.fromE164)}`);
  check.expect(call.cause === 'busy', `cause ${show(call.cause)}, expected busy`);
  check.expect(call.answeredAt === null, 'the call was answered');
  check.note(`blocked ${blocked.e164}; the PBX answered ${sip.finalReply}, call ${call.state} `
    + `${show(call.cause)}`);
}

class Check {
  problems = [];
  notes = [];
  logs = [];
  expect(ok, problem) {
    if (!ok) this.problems.push(problem);
    return Boolean(ok);
  }
  note(line) { this.notes.push(line); }
}

// ------------------------------------------------------------------ Caseline

class Api {
  constructor(base) {
    this.base = base;
    this.cookies = new Map();
  }

  get(path) { return this.request('GET', path); }

  post(path, body) { return this.request('POST', path, body); }

  async request(method, path, body) {
    const headers = { accept: 'application/json', origin: this.base };
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.base + path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
    });
    for (const cookie of res.headers.getSetCookie()) {
      const pair = cookie.split(';')[0];
      const at = pair.indexOf('=');
      if (at > 0) this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  }
}

async function waitHttpReady(base, proc, ms) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (proc.exit) {
      throw new Error(`Caseline exited (${proc.exit.code}):\n${tail(logOf(proc), 15)}`);
    }
    try {
      const res = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`Caseline not ready within ${ms / 1000} s`);
    await sleep(200);
  }
}

/** The imported customer with the most open cases (first by activity) and a phone. */
async function pickCustomer(api) {
  const openCases = new Map();
  let cursor = null;
  for (let page = 0; page < 50; page += 1) {
    const { items, nextCursor } = await api.get('/api/v1/cases?department=all'
      + `&status=in_progress&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    for (const summary of items) {
      const no = summary.customer?.customerNo;
      if (no !== undefined) openCases.set(no, [...(openCases.get(no) ?? []), summary.caseNo]);
    }
    cursor = nextCursor;
    if (!cursor) break;
  }
  const byCount = [...openCases].sort((a, b) => b[1].length - a[1].length);
  for (const [no, caseNos] of byCount.slice(0, 50)) {
    const customer = await api.get(`/api/v1/customers/${no}`);
    const phone = customer.phones.find((p) => p.e164);
    if (phone) return { customer, phone, openCaseNos: caseNos.sort((a, b) => a - b) };
  }
  throw new Error('no imported customer has a phone number and an open case');
}

/** The stored number as a PBX would send it, but not as it was typed. */
function otherFormat(raw, e164) {
  const typed = raw.replace(/[\s().-]/g, '');
  // "(646) 555 0156" → "+16465550156"; "+12125550173" → "0012125550173"
  return typed === e164 ? `00${e164.slice(1)}` : e164;
}

async function knownCallIds(api) {
  const { items } = await api.get('/api/v1/calls?state=all&limit=200');
  return new Set(items.map((c) => c.callId));
}

/** Polls GET /api/v1/calls until the call (by id, or new and to `to`) is done. */
async function waitForCall(api, { seen, callId, to }, isDone, ms) {
  const deadline = Date.now() + ms;
  for (;;) {
    const { items } = await api.get('/api/v1/calls?state=all&limit=50');
    const call = items.find((c) => (callId ? c.callId === callId
      : !seen.has(c.callId) && c.to === to));
    if (call && isDone(call)) return call;
    if (Date.now() > deadline) {
      throw new Error(call ? `call ${call.callId} is still ${call.state} after ${ms / 1000} s`
        : `no call ${callId ?? `to ${to}`} reached Caseline within ${ms / 1000} s`);
    }
    await sleep(200);
  }
}

// ------------------------------------------------------------------ SIP

/** One call with baresip from a temp copy of telephony/baresip/PROFILE. */
async function baresipCall(ctx, profile, { number, exten, pbx, seconds }) {
  if (number !== undefined && !/^\+?[0-9]{3,20}$/.test(number)) {
    throw new Error(`caller number ${show(number)} cannot go into a SIP URI as it is`);
  }
  const dir = join(ctx.tmp, `baresip-${profile}-${nextSerial()}`);
  cpSync(join(HERE, 'baresip', profile), dir, { recursive: true });
  const port = await freeUdpPort();
  rewrite(join(dir, 'config'),
    (text) => text.replace(/^sip_listen\s.*$/m, `sip_listen\t\t127.0.0.1:${port}`));
  rewrite(join(dir, 'accounts'), (text) => text.split('\n').map((line) => {
    if (line.startsWith('#') || line.trim() === '') return line;
    const routed = line.replace(/outbound="sip:[^"]*"/, `outbound="sip:${pbx.host}:${pbx.port}"`);
    return number === undefined ? routed : routed.replace(/<sip:[^@>]*@/, `<sip:${number}@`);
  }).join('\n'));
  return runToEnd(ctx, `baresip-${profile}`, findProgram('baresip'),
    ['-f', dir, '-e', `/dial sip:${exten}@${pbx.host}`, '-t', String(seconds)],
    {}, (seconds + 15) * 1000);
}

/** One INVITE with sipsak from telephony/sipsak/TEMPLATE; sipsak ACKs the final reply. */
async function sipsakCall(ctx, template, { caller, exten, pbx }) {
  const callId = `caseline-test-${randomBytes(8).toString('hex')}@127.0.0.1`;
  const fields = {
    EXTEN: exten, PBX: `${pbx.host}:${pbx.port}`, CALLER: caller, CALL_ID: callId,
    TAG: randomBytes(6).toString('hex'),
  };
  const text = readFileSync(join(HERE, 'sipsak', template), 'utf8')
    .replace(/\{\{(\w+)\}\}/g, (all, name) => fields[name] ?? all);
  const file = join(ctx.tmp, `sipsak-${nextSerial()}.sip`);
  writeFileSync(file, text);
  const run = await runToEnd(ctx, 'sipsak', findProgram('sipsak'),
    ['-vv', '-H', '127.0.0.1', '-s', `sip:${exten}@${pbx.host}:${pbx.port}`, '-f', file],
    {}, 20_000);
  const replies = [...run.log.matchAll(/^SIP\/2\.0 (\d{3})/gm)].map((m) => m[1]);
  return { ...run, callId, finalReply: replies.filter((c) => c >= '200').at(-1) ?? null };
}

/** Sends OPTIONS until Kamailio answers 200. */
async function waitSipReady(pbx, proc, ms) {
  const sock = dgram.createSocket('udp4');
  await new Promise((ok, bad) => { sock.once('error', bad); sock.bind(0, '127.0.0.1', ok); });
  const local = sock.address().port;
  let answered = false;
  sock.on('message', (msg) => { if (/^SIP\/2\.0 200 /.test(String(msg))) answered = true; });
  const deadline = Date.now() + ms;
  try {
    while (!answered) {
      if (proc.exit) {
        throw new Error(`Kamailio exited (${proc.exit.code}):\n${tail(logOf(proc), 15)}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`Kamailio did not answer OPTIONS within ${ms / 1000} s:\n`
          + tail(logOf(proc), 15));
      }
      const id = randomBytes(6).toString('hex');
      sock.send([
        `OPTIONS sip:ping@${pbx.host}:${pbx.port} SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${local};branch=z9hG4bK${id};rport`,
        `From: <sip:probe@127.0.0.1>;tag=${id}`,
        `To: <sip:ping@${pbx.host}>`,
        `Call-ID: probe-${id}@127.0.0.1`,
        'CSeq: 1 OPTIONS',
        'Max-Forwards: 70',
        'Content-Length: 0',
        '', '',
      ].join('\r\n'), pbx.port, pbx.host);
      await sleep(250);
    }
  } finally {
    sock.close();
  }
}

// ------------------------------------------------------------------ processes

/** Starts a process in its own process group, output to a log file in the temp folder. */
function startProcess(ctx, name, program, args, opts = {}) {
  const log = join(ctx.tmp, `${name}-${nextSerial()}.log`);
  const fd = openSync(log, 'a');
  const child = spawn(program, args, {
    cwd: opts.cwd ?? ctx.tmp, env: opts.env ?? cleanEnv(), stdio: ['ignore', fd, fd],
    detached: true,
  });
  closeSync(fd);
  const proc = { name, log, child, exit: null };
  proc.marker = program === process.execPath ? 'caseline.js' : program.split('/').at(-1);
  proc.exited = new Promise((done) => {
    const ended = (exit) => {
      proc.exit ??= exit;
      writePidFile(ctx);
      done(proc.exit);
    };
    child.on('exit', (code, signal) => ended({ code, signal }));
    child.on('error', (err) => {
      appendFileSync(log, `could not start ${program}: ${err.message}\n`);
      ended({ code: -1, signal: null });
    });
  });
  ctx.procs.push(proc);
  writePidFile(ctx);
  return proc;
}

/** What is running now, for the outer process should this one be killed. */
function writePidFile(ctx) {
  writeFileSync(ctx.pidFile, ctx.procs.filter((p) => !p.exit && p.child.pid)
    .map((p) => `${p.child.pid} ${p.marker}\n`).join(''));
}

/** Runs a process to its end, stopping it after `ms`. */
async function runToEnd(ctx, name, program, args, opts, ms) {
  const proc = startProcess(ctx, name, program, args, opts);
  const ended = await within(proc.exited, ms);
  if (!ended) await stop(proc);
  return { name: proc.name, file: proc.log, log: logOf(proc), timedOut: !ended,
    code: ended ? proc.exit.code : null };
}

/** SIGTERM to the process group, SIGKILL after 8 s. */
async function stop(proc) {
  if (proc.exit) return;
  signalGroup(proc, 'SIGTERM');
  if (await within(proc.exited, 8000)) return;
  console.error(`telephony: ${proc.name} ignored SIGTERM; killing it`);
  signalGroup(proc, 'SIGKILL');
  await within(proc.exited, 3000);
}

function signalGroup(proc, signal) {
  try {
    process.kill(-proc.child.pid, signal);
  } catch {
    try { proc.child.kill(signal); } catch { /* gone */ }
  }
}

function within(promise, ms) {
  let timer;
  return Promise.race([
    promise.then(() => true),
    new Promise((done) => { timer = setTimeout(() => done(false), ms); }),
  ]).finally(() => clearTimeout(timer));
}

function logOf(proc) {
  try { return readFileSync(proc.log, 'utf8'); } catch { return ''; }
}

/** On a failure: the scenario's SIP agents, then the PBX's and Caseline's last lines. */
function showLogs(ctx, runs = []) {
  const print = (title, text, keep = () => true) => {
    console.log(`     --- ${title}`);
    const lines = text.replace(/\r/g, '').split('\n').filter(keep)
      .map((line) => line.replace(/\/cti\/[^/"\s]+/g, '/cti/…').slice(0, 200));
    console.log(tail(lines.join('\n'), 12));
  };
  for (const run of runs) {
    print(`${run.name} (${run.timedOut ? 'timed out' : `exit ${run.code}`})`, run.log);
  }
  for (const proc of ctx.procs) {
    if (proc.name === 'kamailio') print('kamailio', logOf(proc));
    if (proc.name === 'caseline') {
      print('caseline (call events, warnings)', logOf(proc),
        (line) => /"level":[456]0|"call event"/.test(line));
    }
  }
}

/** The environment for Caseline and the SIP tools, without settings meant for another run. */
function cleanEnv(extra = {}) {
  const env = {};
  const drop = /^(DATABASE_URL|PUBLIC_URL|PORT|HOST|SMTP_URL|MAIL_.*|CASELINE_.*)$/;
  for (const [key, value] of Object.entries(process.env)) {
    if (!drop.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

function bringLoopbackUp() {
  const ip = findProgram('ip');
  // Without iproute2: SIOCGIFFLAGS, then SIOCSIFFLAGS with IFF_UP, on "lo".
  const perl = 'socket(my $s, 2, 2, 0) or die "socket: $!\\n";'
    + 'my $r = pack("Z16 s x22", "lo", 0);'
    + 'ioctl($s, 0x8913, $r) or die "SIOCGIFFLAGS: $!\\n";'
    + 'my $f = unpack("x16 s", $r);'
    + 'ioctl($s, 0x8914, pack("Z16 s x22", "lo", $f | 1)) or die "SIOCSIFFLAGS: $!\\n";';
  const result = ip
    ? spawnSync(ip, ['link', 'set', 'lo', 'up'], { encoding: 'utf8', timeout: 5000 })
    : spawnSync(findProgram('perl'), ['-e', perl], { encoding: 'utf8', timeout: 5000 });
  if (result.status !== 0) {
    throw new Error(`cannot bring up the loopback interface: ${result.stderr || result.error}`);
  }
}

function versions() {
  const dpkg = findProgram('dpkg-query');
  const of = (pkg) => (dpkg ? spawnSync(dpkg, ['-W', '-f', '${Version}', pkg],
    { encoding: 'utf8', timeout: 5000 }).stdout : '') || '?';
  return `Kamailio ${of('kamailio')}, baresip ${of('baresip')}, sipsak ${of('sipsak')}`;
}

function freeTcpPort() {
  return new Promise((ok, bad) => {
    const server = net.createServer();
    server.once('error', bad);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

function freeUdpPort() {
  return new Promise((ok, bad) => {
    const sock = dgram.createSocket('udp4');
    sock.once('error', bad);
    sock.bind(0, '127.0.0.1', () => {
      const { port } = sock.address();
      sock.close(() => ok(port));
    });
  });
}

let serial = 0;
function nextSerial() {
  serial += 1;
  return serial;
}

function rewrite(file, change) {
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

function sameList(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function gap(from, to) {
  return from && to ? ((Date.parse(to) - Date.parse(from)) / 1000).toFixed(1) : '?';
}

function show(value) {
  return JSON.stringify(value);
}

function sleep(ms) {
  return new Promise((done) => { setTimeout(done, ms); });
}

function fail(message) {
  console.error(`telephony: FAIL: ${message}`);
  process.exit(1);
}

function secs(since) {
  return ((Date.now() - since) / 1000).toFixed(1);
}

function tail(text, lines) {
  return text.trimEnd().split('\n').slice(-lines).map((l) => `    | ${l}`).join('\n');
}

function findProgram(name) {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/bin'];
  for (const dir of dirs) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

// ------------------------------------------------------------------ start

if (process.env.CASELINE_TELEPHONY_INNER === '1') {
  await inner(process.env.CASELINE_TELEPHONY_TMP);
} else {
  await outer();
}
