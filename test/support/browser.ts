// Headless Chromium for browser tests: the binary shipped inside @sparticuz/chromium, driven by
// playwright-core, with every request to a host other than this machine refused.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import sparticuz from '@sparticuz/chromium';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

// Our own flags, not sparticuz's `chromium.args`: those are tuned for AWS Lambda
// (--single-process, --no-zygote, --disable-web-security, --allow-running-insecure-content,
// swiftshader WebGL), which would make tests less like a real browser and less safe.
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
  // Second line of defence below the per-context route guard: names other than loopback
  // never resolve, so nothing (websockets, prefetch, service workers) reaches the network.
  // MAP * also catches IP literals, hence the explicit loopback EXCLUDEs.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1, EXCLUDE [::1]',
];

const UNPACK_WAIT_MS = 120_000;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const NETWORK_PROTOCOLS = new Set(['http:', 'https:', 'ws:', 'wss:']);

/** True for URLs that stay on this machine (data:, blob:, about: and loopback http/ws). */
export function isLocalUrl(url: URL): boolean {
  return !NETWORK_PROTOCOLS.has(url.protocol) || LOOPBACK_HOSTS.has(url.hostname);
}

/** Aborts every request and websocket of `context` that would leave the machine. */
export async function blockExternalRequests(context: BrowserContext): Promise<void> {
  // A predicate instead of '**' + continue(): loopback traffic is not intercepted at all.
  await context.route((url) => !isLocalUrl(url), (route) => route.abort('blockedbyclient'));
  await context.routeWebSocket((url) => !isLocalUrl(url), (ws) => ws.close());
}

// executablePath() unpacks ~190 MB into os.tmpdir() and returns early when a `chromium` file
// already exists there, even half-written. Test files run in parallel processes sharing one
// TMPDIR, so the first one to create the lock directory unpacks and the others wait for the
// `ready` marker.
let executable: Promise<string> | undefined;

async function unpackOnce(): Promise<string> {
  const dir = tmpdir();
  const ready = join(dir, 'caseline-chromium.ready');
  const lock = join(dir, 'caseline-chromium.lock');
  const deadline = Date.now() + UNPACK_WAIT_MS;
  for (;;) {
    if (existsSync(ready)) return readFile(ready, 'utf8');
    try {
      await mkdir(lock);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (Date.now() > deadline) {
        throw new Error(`Chromium was not unpacked into ${dir} in time; ` +
          `remove ${lock} if a previous run was killed.`);
      }
      await sleep(100);
      continue;
    }
    try {
      const path = await sparticuz.executablePath();
      await writeFile(`${ready}.tmp`, path);
      await rename(`${ready}.tmp`, ready);
      return path;
    } catch (error) {
      // A half-written binary would be returned as-is by the next executablePath() call;
      // then let a waiting process try again instead of waiting for a marker never written.
      await rm(join(dir, 'chromium'), { force: true });
      await rm(lock, { recursive: true, force: true });
      throw error;
    }
  }
}

/** Path of the unpacked Chromium binary (unpacked at most once per TMPDIR). */
export function chromiumExecutable(): Promise<string> {
  executable ??= unpackOnce();
  return executable;
}

/**
 * Launches headless Chromium. Every context it creates (newContext and newPage) refuses
 * requests to hosts other than 127.0.0.1, localhost and [::1]. Close it with browser.close().
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: await chromiumExecutable(),
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
  // Browser.newPage() goes through this.newContext(), so patching the instance covers both.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await blockExternalRequests(context);
    return context;
  };
  return browser;
}
