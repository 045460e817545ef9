/**
 * What every browser test needs: a real Caseline listening on 127.0.0.1 (port
 * chosen by the OS) that serves the built web app, a headless Chromium, and a
 * few page helpers. Each test file starts and closes its own server and browser.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import type { DialectName } from '../../src/storage/database.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WEB_INDEX = path.join(REPO_ROOT, 'dist/web/index.html');

/** Long enough for a slow CI machine, short enough that a hang fails the run quickly. */
export const UI_TIMEOUT_MS = 10_000;

export interface BrowserRig {
  t: TestApp;
  origin: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Fails (never skips) when the web app is not built: without dist/web the server
 * would answer pages with something other than the app and every step would time out.
 */
export function requireBuiltWebApp(): void {
  assert.ok(existsSync(WEB_INDEX), `The staff web app is not built (${WEB_INDEX} is missing). `
    + 'Run `npm run build` (npm ci runs it via `prepare`), then the browser tests again.');
}

/**
 * A fresh app on `dialect`, listening on 127.0.0.1, and a browser that reaches only it.
 * `env` is added to the server's configuration (e.g. SMTP_URL of a test SMTP server).
 */
export async function startRig(
  dialect: DialectName, env: Record<string, string> = {},
): Promise<BrowserRig> {
  requireBuiltWebApp();
  const t = await startTestApp(dialect, env);
  let browser: Browser | undefined;
  try {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as AddressInfo;
    browser = await launchBrowser();
    const launched = browser;
    return {
      t, origin: `http://127.0.0.1:${port}`, browser: launched,
      async close() {
        await launched.close();
        await t.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await t.close();
    throw error;
  }
}

/** A new page in its own context (own cookies and storage): one member of staff each. */
export async function newStaffPage(
  rig: BrowserRig, viewport = { width: 1280, height: 900 },
): Promise<Page> {
  const context = await rig.browser.newContext({ viewport, locale: 'en-US' });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  return context.newPage();
}

export interface Credentials {
  account: string;
  email: string;
  password: string;
}

/** Signs in through the form, submitting with Enter as people do, and waits for the desk. */
export async function signIn(page: Page, origin: string, who: Credentials): Promise<void> {
  await page.goto(`${origin}/login`);
  await page.getByLabel('Account slug', { exact: true }).fill(who.account);
  await page.getByLabel('E-mail', { exact: true }).fill(who.email);
  const password = page.getByLabel('Password', { exact: true });
  await password.fill(who.password);
  await password.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Desk' }).waitFor();
}

/** Types into the desk's search box and submits it with Enter. */
export async function searchDesk(page: Page, text: string): Promise<void> {
  const box = page.getByLabel('Search', { exact: true });
  await box.fill(text);
  await box.press('Enter');
  await page.waitForURL((url) => url.searchParams.get('search') === text);
}

/** The test tsconfig has no DOM types; the page code here runs in the browser. */
type El = { ownerDocument: { activeElement: unknown } };

export async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el: El) => el === el.ownerDocument.activeElement);
}

/** Widths of the document: content wider than the viewport means a horizontal scrollbar. */
export async function horizontalOverflow(page: Page): Promise<{ scroll: number; client: number }> {
  return page.evaluate(`({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  })`);
}

/**
 * Where screenshots go: os.tmpdir(), or CASELINE_SCREENSHOT_DIR to keep them, since
 * `npm test` points TMPDIR at a folder it removes when the run ends.
 */
export function screenshotPath(name: string): string {
  const dir = process.env.CASELINE_SCREENSHOT_DIR || os.tmpdir();
  return path.join(dir, `caseline-${name}-${process.pid}.png`);
}

/** Full-page screenshot for a person to look at; the path goes to the test output. */
export async function keepScreenshot(page: Page, name: string): Promise<string> {
  const file = screenshotPath(name);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`screenshot of ${name}: ${file}`);
  return file;
}
