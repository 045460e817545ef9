/**
 * The processes a run starts (Caseline, Kamailio, baresip, sipsak) and how they stop.
 *
 * Each runs in its own process group with its output in a log file in the temp folder,
 * so that stopping it also stops what it started. The ones still running are listed in
 * a pid file, which the outer process reads if this one was killed before it could
 * stop them itself.
 */
import { spawn } from 'node:child_process';
import {
  appendFileSync, closeSync, existsSync, openSync, readFileSync, writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

import { nextSerial, tail, within } from './util.mjs';

/** Starts a process in its own process group, output to a log file in the temp folder. */
export function startProcess(ctx, name, program, args, opts = {}) {
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
export async function runToEnd(ctx, name, program, args, opts, ms) {
  const proc = startProcess(ctx, name, program, args, opts);
  const ended = await within(proc.exited, ms);
  if (!ended) await stop(proc);
  return { name: proc.name, file: proc.log, log: logOf(proc), timedOut: !ended,
    code: ended ? proc.exit.code : null };
}

/** SIGTERM to the process group, SIGKILL after 8 s. */
export async function stop(proc) {
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

/** Kills (by id) what a killed child left running, if it is still what it was. */
export function stopLeftovers(pidFile) {
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

export function logOf(proc) {
  try { return readFileSync(proc.log, 'utf8'); } catch { return ''; }
}

/**
 * On a failure: the scenario's SIP agents, then the PBX's and Caseline's last lines.
 * The webhook's token is cut out of the URLs, since it is the account's secret.
 */
export function showLogs(ctx, runs = []) {
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
export function cleanEnv(extra = {}) {
  const env = {};
  const drop = /^(DATABASE_URL|PUBLIC_URL|PORT|HOST|SMTP_URL|MAIL_.*|CASELINE_.*)$/;
  for (const [key, value] of Object.entries(process.env)) {
    if (!drop.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}
