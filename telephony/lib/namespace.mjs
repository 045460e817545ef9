/**
 * The outside of a run: check what it needs, then run the entry point again inside a
 * private network namespace whose only interface is the loopback. baresip 1.0 binds its
 * media sockets to 0.0.0.0, and nothing here may reach another host.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { stopLeftovers } from './processes.mjs';
import {
  APT_COMMAND, DATA_DIR, ENTRY, KEEP, ROOT, RUN_LIMIT_MS, SIGNAL_CODE, SIGNALS,
} from './settings.mjs';
import { fail, findProgram } from './util.mjs';

/** Checks what is needed, then runs the inside in a loopback-only network namespace. */
export async function runOutside() {
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
  const child = spawn(unshare, ['--net', ...asUser, '--', process.execPath, ENTRY,
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

/** Names every missing package at once, with the line that installs them. */
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

/** Inside: a new network namespace starts with its loopback down. */
export function bringLoopbackUp() {
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
