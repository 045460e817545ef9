/**
 * The phone scenarios of issue 4, on their own data set (1M customers, 2M cases):
 * caller look-up inside the process; webhook POST → `call` event read by 200 SSE
 * clients at 20 calls a second; and webhook events per second at concurrency 16.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { matchCaller } from '../src/domain/caller-matches.js';
import { normalizePhone } from '../src/domain/phone.js';
import { openStore } from '../src/storage/database.js';
import { onCleanup } from './cleanup.js';
import { ACCOUNT, PHONE_SIZES, prng, typedPhone } from './data.js';
import { measure, type LoadSettings, type Measurement } from './load.js';
import { AGENT_DEPARTMENT } from './scenarios.js';
import { copyForRun, seededDatabase, type SeedInfo } from './seed.js';
import { startCaseline } from './server.js';
import { signIn } from './session.js';

export interface Percentiles { samples: number; p50: number; p99: number }

export interface PhoneReport {
  seed: SeedInfo;
  lookup: Percentiles & { matched: number };
  pop: Percentiles & { calls: number; clients: number; missing: number; ratePerSecond: number };
  webhook: Measurement;
}

const SSE_CLIENTS = 200;
const CALLS_PER_SECOND = 20;
const LOOKUPS = 20_000;

export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
    ?? NaN;
  return { samples: sorted.length, p50: at(0.5), p99: at(0.99) };
}

export async function runPhoneBench(
  o: { reseed: boolean; settings: LoadSettings; popSeconds: number },
  log: (s: string) => void,
): Promise<PhoneReport> {
  const seed = await seededDatabase(o.reseed, log, PHONE_SIZES, 'phone');
  log(`phone seed: ${seed.cached ? 'cached' : 'seeded'} (${(seed.bytes / 1024 ** 2).toFixed(0)}`
    + ` MB, seeding took ${seed.seedSeconds.toFixed(0)} s)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseline-bench-phone-'));
  onCleanup('phone run directory', () => fs.rmSync(dir, { recursive: true, force: true }),
    () => fs.rmSync(dir, { recursive: true, force: true }));
  const file = copyForRun(seed.file, dir);

  const lookup = await lookups(file, seed.account.accountId);
  log(`caller look-up: p50 ${lookup.p50.toFixed(3)} ms, p99 ${lookup.p99.toFixed(3)} ms`);

  const server = await startCaseline(file);
  const adminCookie = await signIn(server.url, 'admin');
  const token = await ctiToken(server.url, adminCookie);
  const agentCookie = await signIn(server.url, AGENT_DEPARTMENT);
  const pop = await popLatency(server.url, token, agentCookie, o.popSeconds);
  log(`call pop: p50 ${pop.p50.toFixed(1)} ms, p99 ${pop.p99.toFixed(1)} ms over ${pop.samples}`
    + ` deliveries, ${pop.missing} missing`);

  let serial = 0;
  const rand = prng(4242);
  const webhook = await measure({ url: server.url, pid: server.pid }, o.settings, () => ({
    method: 'POST', path: `/api/v1/cti/${token}`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ event: 'newCall', direction: 'in', callId: `tp-${++serial}`,
      from: typedPhone(Math.floor(rand() * PHONE_SIZES.customers), rand) }),
  }));
  log(`webhook: ${webhook.rps.toFixed(0)} events/s, p99 ${webhook.p99} ms`);
  await server.stop();
  return { seed, lookup, pop, webhook };
}

/** Number read as typed plus the indexed look-up of customers and their open cases. */
async function lookups(file: string, accountId: number) {
  const store = openStore(`sqlite:${file}`);
  try {
    const rand = prng(99);
    const times: number[] = [];
    let matched = 0;
    for (let i = 0; i < LOOKUPS + 2_000; i++) {
      const typed = typedPhone(Math.floor(rand() * PHONE_SIZES.customers), rand);
      const started = performance.now();
      const matches = await matchCaller(store.db, accountId,
        normalizePhone(typed, ACCOUNT.region).e164);
      const ms = performance.now() - started;
      if (i < 2_000) continue; // warm-up: JIT and SQLite's page cache
      times.push(ms);
      if (matches.length > 0) matched++;
    }
    return { ...percentiles(times), matched };
  } finally {
    await store.close();
  }
}

async function ctiToken(url: string, cookie: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/telephony`, { headers: { cookie },
    signal: AbortSignal.timeout(10_000) });
  if (res.status !== 200) throw new Error(`GET /telephony answered ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** Posts calls at a steady rate and times each one's arrival on every SSE client. */
async function popLatency(url: string, token: string, cookie: string, seconds: number) {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const requests: http.ClientRequest[] = [];
  const connected: Promise<void>[] = [];
  for (let i = 0; i < SSE_CLIENTS; i++) {
    connected.push(new Promise((resolve, reject) => {
      const req = http.get(`${url}/api/v1/events`, { headers: { cookie } }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`SSE answered ${res.statusCode}`));
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const at = performance.now();
          // Only the call id is needed, so the data line is not parsed whole.
          for (const match of chunk.matchAll(/"callId":"(pop-\d+)"/g)) {
            const sent = sentAt.get(match[1]!);
            if (sent !== undefined) latencies.push(at - sent);
          }
        });
        resolve();
      });
      req.on('error', () => {});
      requests.push(req);
    }));
  }
  await Promise.all(connected);
  const rand = prng(7);
  const calls = seconds * CALLS_PER_SECOND;
  const started = performance.now();
  const posts: Promise<unknown>[] = [];
  for (let i = 0; i < calls; i++) {
    const due = started + (i * 1000) / CALLS_PER_SECOND;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    const callId = `pop-${i}`;
    const body = JSON.stringify({ event: 'newCall', direction: 'in', callId,
      from: typedPhone(Math.floor(rand() * PHONE_SIZES.customers), rand) });
    sentAt.set(callId, performance.now());
    posts.push(fetch(`${url}/api/v1/cti/${token}`, { method: 'POST', body,
      headers: { 'content-type': 'application/json' }, signal: AbortSignal.timeout(10_000) }));
  }
  const ratePerSecond = calls / ((performance.now() - started) / 1000);
  await Promise.all(posts);
  await new Promise((r) => setTimeout(r, 2_000)); // stragglers
  for (const req of requests) req.destroy();
  return { ...percentiles(latencies), calls, clients: SSE_CLIENTS,
    missing: calls * SSE_CLIENTS - latencies.length, ratePerSecond };
}
