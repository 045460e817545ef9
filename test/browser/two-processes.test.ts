/**
 * Two server processes on one PostgreSQL: a call posted to one pops on a browser
 * connected to the other. Process A is this test file's own app (startRig); process B
 * is a real, separate `caseline serve` child process (src/ run through tsx, so it is
 * the code under test, not a possibly stale dist/) on the same database, with its own
 * pool and its own LISTEN connection. The CTI webhook events go to A over HTTP; the
 * headless Chromium only ever talks to B, which the last step checks request by
 * request. So the pop, its customer and open Case #, and the in-place answer and
 * hang-up can only reach the page through B's live stream, fed by what A wrote.
 * (test/live-events.test.ts proves the same at the SSE level.)
 *
 * Before the first call the test waits until B's stream is open and the call list the page
 * reloads when it opens has come back; after the pop it checks that no further call list
 * was fetched, so the pop came live, not from a reload. B's hub also re-reads the event log
 * every second, so this proves delivery across processes, not NOTIFY in particular; the
 * time to pop is printed. The steps share the servers and run in order.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Locator, Page, Request } from 'playwright-core';
import { freePort } from '../../scripts/postgres.mjs';
import { addStaffMember, openCase, signUpAccount, type Client } from '../support/app.js';
import {
  keepScreenshot, newStaffPage, REPO_ROOT, signIn, startRig, UI_TIMEOUT_MS, type BrowserRig,
} from './helpers.js';

const PHONE = '+1 212 555 0100';
const CUSTOMER = 'Nora Nightingale';
const SUBJECT = 'Fibre line down since the storm';
const START_WITHIN_MS = 20_000;
const STOP_WITHIN_MS = 5_000;
const POLL_MS = 50;

/** What bin/caseline.js does, but on src/ through tsx (the child runs with --import tsx). */
const SERVE = `const { main } = await import(${JSON.stringify(
  pathToFileURL(path.join(REPO_ROOT, 'src/cli/main.ts')).href)});
const code = await main(['serve']);
if (code >= 0) process.exitCode = code;`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(what: string, check: () => boolean, ms = UI_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out after ${ms} ms waiting until ${what}`);
    await sleep(POLL_MS);
  }
}

interface ServerProcess {
  origin: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

async function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (exited(child)) return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(exited(child)), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** `caseline serve` in a child process on 127.0.0.1 and a free port, against `databaseUrl`. */
async function startServerProcess(databaseUrl: string): Promise<ServerProcess> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SERVE], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', TMPDIR: os.tmpdir(), TZ: 'UTC', NODE_ENV: 'test',
      HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const server: ServerProcess = {
    origin, child, output: () => output,
    async stop() {
      if (exited(child)) return;
      child.kill('SIGTERM');
      if (await waitForExit(child, STOP_WITHIN_MS)) return;
      child.kill('SIGKILL');
      await waitForExit(child, STOP_WITHIN_MS);
    },
  };
  try {
    await waitUntil('process B says it is running',
      () => output.includes('Caseline is running') || exited(child), START_WITHIN_MS);
    assert.ok(!exited(child), `process B exited (${child.exitCode}):\n${output}`);
    assert.ok(output.includes(`Caseline is running at ${origin}`), output);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

function pop(page: Page, callId: string): Locator {
  return page.getByRole('complementary', { name: 'Calls' })
    .locator(`[data-testid="call-card"][data-call-id="${callId}"]`);
}

/** What the page fetched, in the order Chromium reported it. */
class Traffic {
  /** Every http(s)/ws(s) URL the browser asked for that is not on process B. */
  readonly notB: string[] = [];
  /** B's live stream answered 200 at least once. */
  streamOpen = false;
  /** A call list asked for after the stream opened has come back. */
  reloadedAfterOpen = false;
  /** Call lists asked for so far (the page's way to catch up on calls without the stream). */
  callLists = 0;
  private readonly afterOpen = new Set<Request>();

  constructor(page: Page, private readonly origin: string) {
    page.context().on('request', (req) => {
      const url = req.url();
      if (/^(https?|wss?):/.test(url) && !url.startsWith(`${origin}/`)) this.notB.push(url);
      if (this.isCallList(req)) {
        this.callLists += 1;
        if (this.streamOpen) this.afterOpen.add(req);
      }
    });
    page.context().on('response', (res) => {
      const url = new URL(res.url());
      if (url.origin === origin && url.pathname === '/api/v1/events' && res.status() === 200) {
        this.streamOpen = true;
      }
    });
    page.context().on('requestfinished', (req) => {
      if (this.afterOpen.has(req)) this.reloadedAfterOpen = true;
    });
  }

  private isCallList(req: Request): boolean {
    const url = new URL(req.url());
    return url.origin === this.origin && url.pathname === '/api/v1/calls'
      && req.method() === 'GET';
  }
}

describe('two server processes on one PostgreSQL, in the browser', () => {
  let rig: BrowserRig;
  let starting: Promise<ServerProcess> | undefined;
  let b: ServerProcess | undefined;
  let admin: Client;
  let page: Page;
  let traffic: Traffic;
  let hookOnA = '';
  let customerNo = 0;
  let caseNo = 0;

  /** Posts one CTI event to process A, as the PBX would, over real HTTP. */
  async function ctiToA(event: Record<string, string>): Promise<void> {
    const res = await fetch(hookOnA, { method: 'POST', headers: {
      'content-type': 'application/json' }, body: JSON.stringify({ direction: 'in', ...event }) });
    assert.equal(res.status, 200, await res.text());
  }

  before(async () => {
    rig = await startRig('postgres');
    // B starts (and compiles src/ through tsx) while the account is set up through A.
    const startedAt = Date.now();
    starting = startServerProcess(rig.t.config.databaseUrl).then((server) => {
      b = server;
      console.log(`process B (pid ${server.child.pid}) served after ${Date.now() - startedAt} ms`);
      return server;
    });
    starting.catch(() => undefined); // awaited below; this only keeps it from being unhandled

    // Set up through A's API; B sees it all through the shared database.
    const signed = await signUpAccount(rig.t.app, { defaultRegion: 'US' });
    admin = signed.admin;
    const agent = await addStaffMember(admin, signed.account,
      { departmentId: signed.user.department.id, name: 'Ben Agent' });
    const opened = await openCase(admin, { subject: SUBJECT,
      customer: { name: CUSTOMER, phones: [PHONE] } });
    caseNo = opened.caseNo;
    customerNo = opened.customer.customerNo;
    hookOnA = `${rig.origin}/api/v1/cti/${(await admin.get('/api/v1/telephony')).body.token}`;

    const onB = await starting;
    assert.notEqual(onB.origin, rig.origin);
    page = await newStaffPage(rig);
    traffic = new Traffic(page, onB.origin);
    await signIn(page, onB.origin, { account: signed.account.slug, email: agent.email,
      password: agent.password });
    await waitUntil('B\'s live stream is open and the page has caught up on calls',
      () => traffic.streamOpen && traffic.reloadedAfterOpen);
  });

  after(async () => {
    try {
      await rig?.browser.close();
    } finally {
      try {
        await starting?.catch(() => undefined);
        await b?.stop();
      } finally {
        await rig?.close();
      }
    }
  });

  it('a call posted to A pops on B\'s page with the customer and their open Case #',
    async () => {
      const listsBefore = traffic.callLists;
      const started = Date.now();
      await ctiToA({ event: 'newCall', from: PHONE, to: '+1 212 555 0199', callId: 'x1' });
      const card = pop(page, 'x1');
      await card.getByRole('link', { name: `#${caseNo} ${SUBJECT}` }).waitFor();
      console.log(`the call posted to A popped on B's page after ${Date.now() - started} ms`);

      const match = card.getByTestId('call-match');
      assert.equal(await match.getAttribute('data-customer-no'), String(customerNo));
      assert.match(await match.innerText(), new RegExp(CUSTOMER));
      assert.match(await match.locator('.call-cases').innerText(), new RegExp(`#${caseNo} `));
      assert.match(await card.getByRole('heading').innerText(), /Call from \+1 212 555 0100/);
      assert.equal(await card.getByTestId('call-state').innerText(), 'Ringing');
      assert.equal(traffic.callLists, listsBefore,
        'the page fetched the call list: the pop did not come by the live stream');
      await keepScreenshot(page, 'two-processes-pop');
    });

  it('answering and hanging up at A change the same pop on B in place', async () => {
    const card = pop(page, 'x1');
    await ctiToA({ event: 'answer', callId: 'x1', answeringNumber: '201' });
    await page.locator('[data-call-id="x1"][data-state="answered"]').waitFor();
    assert.equal(await card.getByTestId('answered-by').innerText(), 'Answered by 201');
    assert.equal(await card.getByTestId('call-state').innerText(), 'Answered');

    await ctiToA({ event: 'hangup', callId: 'x1', cause: 'normalClearing' });
    await page.locator('[data-call-id="x1"][data-state="ended"]').waitFor();
    assert.equal(await card.getByTestId('call-state').innerText(), 'Ended');
    assert.equal(await page.getByTestId('call-card').count(), 1, 'one card for the one call');
    assert.equal(await card.getByTestId('call-match').getAttribute('data-customer-no'),
      String(customerNo), 'the card still shows the customer');
  });

  it('B\'s Phone page shows a second call posted to A live, then marks it missed', async () => {
    await page.getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Phone', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Phone' }).waitFor();
    const row = (id: string) => page.locator(`[data-testid="call-row"][data-call-id="${id}"]`);
    await row('x1').waitFor();
    assert.match(await row('x1').innerText(), /Ended[\s\S]*201/);

    await ctiToA({ event: 'newCall', from: PHONE, callId: 'x2' });
    await page.getByRole('region', { name: 'Calls now' }).locator('[data-call-id="x2"]')
      .waitFor();
    await row('x2').waitFor();
    await ctiToA({ event: 'hangup', callId: 'x2', cause: 'cancel' });
    await page.locator('[data-testid="call-row"][data-call-id="x2"][data-missed="true"]')
      .waitFor();
    assert.equal(await row('x2').getByTestId('call-state').innerText(), 'Missed');
  });

  it('the browser only ever talked to process B', () => {
    assert.deepEqual(traffic.notB, []);
    assert.ok(b && !exited(b.child), `process B is no longer running:\n${b?.output()}`);
  });
});
