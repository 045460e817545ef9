// Proves the test infrastructure itself: a real PostgreSQL and a real Chromium are reachable.
// Either part being broken must fail here, never skip.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { createTestPgDatabase } from './postgres.js';

describe('PostgreSQL test database', () => {
  test('is created, answers select 1, and is dropped', async (t) => {
    const startedAt = performance.now();
    const db = await createTestPgDatabase();
    t.diagnostic(`CREATE DATABASE took ${Math.round(performance.now() - startedAt)} ms`);
    const name = new URL(db.url).pathname.slice(1);
    const client = new pg.Client({ connectionString: db.url });
    // drop() below terminates this connection on purpose; pg reports that as an 'error' event.
    client.on('error', () => undefined);
    try {
      await client.connect();
      const { rows } = await client.query('select 1 as one, current_database() as db');
      assert.deepEqual(rows, [{ one: 1, db: name }]);
    } finally {
      // Drop while still connected: WITH (FORCE) must disconnect us.
      await db.drop();
      await client.end().catch(() => undefined);
    }
    const admin = new pg.Client({ connectionString: process.env.CASELINE_TEST_PG_URL });
    await admin.connect();
    try {
      const left = await admin.query('select 1 from pg_database where datname = $1', [name]);
      assert.equal(left.rowCount, 0, `database ${name} still exists after drop()`);
    } finally {
      await admin.end();
    }
  });

  test('refuses to run without the server URL', async () => {
    const saved = process.env.CASELINE_TEST_PG_URL;
    delete process.env.CASELINE_TEST_PG_URL;
    try {
      await assert.rejects(createTestPgDatabase(), /npm test/);
    } finally {
      process.env.CASELINE_TEST_PG_URL = saved;
    }
  });
});

describe('Chromium', () => {
  let browser: Browser;
  let server: Server;
  let origin: string;
  let launchMs = 0;

  before(async () => {
    server = createServer((req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><title>Caseline ${req.url}</title><p>ok</p>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const startedAt = performance.now();
    browser = await launchBrowser();
    launchMs = performance.now() - startedAt;
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  test('loads a data: URL', async (t) => {
    // Includes unpacking the binary when this is the first browser of the run.
    t.diagnostic(`launchBrowser() took ${Math.round(launchMs)} ms`);
    const page = await browser.newPage();
    await page.goto('data:text/html,<title>from data</title>');
    assert.equal(await page.title(), 'from data');
    await page.close();
  });

  test('loads a page from a server on 127.0.0.1', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${origin}/hello`);
    assert.equal(response?.status(), 200);
    assert.equal(await page.title(), 'Caseline /hello');
    await page.close();
  });

  test('blocks requests to other hosts', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // .invalid never resolves (RFC 2606); the route guard must refuse it before any lookup,
    // which the error code distinguishes from the resolver rule's ERR_NAME_NOT_RESOLVED.
    await assert.rejects(page.goto('http://caseline.invalid/'), /ERR_BLOCKED_BY_CLIENT/);
    await context.close();
  });
});
