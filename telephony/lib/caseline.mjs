/**
 * Caseline as the harness sees it: started on a temporary SQLite file with one account
 * and the shared conversations, then read through its HTTP API like the phone panel.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { cleanEnv, logOf, runToEnd, startProcess } from './processes.mjs';
import { DATA_DIR, HTTP_TIMEOUT_MS, ROOT } from './settings.mjs';
import { freeTcpPort, sleep, tail } from './util.mjs';

/** A signed-in JSON client: keeps the session cookie the signup sets. */
export class Api {
  constructor(base) {
    this.base = base;
    this.cookies = new Map();
  }

  get(path) { return this.request('GET', path); }

  post(path, body) { return this.request('POST', path, body); }

  async request(method, path, body) {
    // Writes signed in by cookie must name Caseline's own origin (src/http/auth.ts).
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

/** Caseline on a free port, an account signed up (region US), the conversations imported. */
export async function startCaseline(ctx) {
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
  return { api, base, slug };
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
export async function pickCustomer(api) {
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
export function otherFormat(raw, e164) {
  const typed = raw.replace(/[\s().-]/g, '');
  // "(646) 555 0156" → "+16465550156"; "+12125550173" → "0012125550173"
  return typed === e164 ? `00${e164.slice(1)}` : e164;
}

/** The calls Caseline knows before a scenario, so that its new call can be told apart. */
export async function knownCallIds(api) {
  const { items } = await api.get('/api/v1/calls?state=all&limit=200');
  return new Set(items.map((c) => c.callId));
}

/** Polls GET /api/v1/calls until the call (by id, or new and to `to`) is done. */
export async function waitForCall(api, { seen, callId, to }, isDone, ms) {
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
