/** Small helpers shared by the harness: timing, text, free ports, finding programs. */
import dgram from 'node:dgram';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { delimiter, join } from 'node:path';

/** Looks in PATH and then in the sbin folders, where Debian puts kamailio and ip. */
export function findProgram(name) {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/bin'];
  for (const dir of dirs) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

/** For problems found before anything was started: nothing to clean up yet. */
export function fail(message) {
  console.error(`telephony: FAIL: ${message}`);
  process.exit(1);
}

export function freeTcpPort() {
  return new Promise((ok, bad) => {
    const server = net.createServer();
    server.once('error', bad);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

export function freeUdpPort() {
  return new Promise((ok, bad) => {
    const sock = dgram.createSocket('udp4');
    sock.once('error', bad);
    sock.bind(0, '127.0.0.1', () => {
      const { port } = sock.address();
      sock.close(() => ok(port));
    });
  });
}

/** One counter for the whole run, so that no two logs or temp copies share a name. */
let serial = 0;
export function nextSerial() {
  serial += 1;
  return serial;
}

export function rewrite(file, change) {
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

/** Whether `promise` settled within `ms`; it is not cancelled when it did not. */
export function within(promise, ms) {
  let timer;
  return Promise.race([
    promise.then(() => true),
    new Promise((done) => { timer = setTimeout(() => done(false), ms); }),
  ]).finally(() => clearTimeout(timer));
}

export function sleep(ms) {
  return new Promise((done) => { setTimeout(done, ms); });
}

export function secs(since) {
  return ((Date.now() - since) / 1000).toFixed(1);
}

/** Seconds between two ISO times, or "?" when either is missing. */
export function gap(from, to) {
  return from && to ? ((Date.parse(to) - Date.parse(from)) / 1000).toFixed(1) : '?';
}

/** The last `lines` lines of a log, indented to sit under a FAIL line. */
export function tail(text, lines) {
  return text.trimEnd().split('\n').slice(-lines).map((l) => `    | ${l}`).join('\n');
}

export function show(value) {
  return JSON.stringify(value);
}

export function sameList(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
