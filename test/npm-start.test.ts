/**
 * `npm start` as a new user runs it: the compiled server (dist/, built by npm ci), a
 * fresh SQLite database, on 127.0.0.1 and a free port. It must print where to go and
 * serve the web app's pages there, not only the API.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../scripts/postgres.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('the node flags of the server', () => {
  it('are the same for npm start and for the caseline command', () => {
    const start = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'))
      .scripts.start as string;
    const shebang = fs.readFileSync(path.join(ROOT, 'bin/caseline.js'), 'utf8').split('\n')[0]!;
    const startFlags = /^node (.*) bin\/caseline\.js serve$/.exec(start)?.[1];
    const binFlags = /^#!\/usr\/bin\/env -S node (.*)$/.exec(shebang)?.[1];
    assert.ok(startFlags, start);
    assert.equal(binFlags, startFlags);
  });
});

describe('npm start (compiled server)', () => {
  let child: ChildProcess;
  let base: string;
  let dir: string;
  let output = '';

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseline-start-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // Run as `npx caseline serve` runs it: the file itself, through its shebang
    // (`env -S node --max-semi-space-size=8`, the flags of package.json's start script).
    child = spawn(path.join(ROOT, 'bin/caseline.js'), ['serve'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port),
        DATABASE_URL: `sqlite:${path.join(dir, 'caseline.db')}`, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (c: Buffer) => { output += c.toString(); });
    child.stderr!.on('data', (c: Buffer) => { output += c.toString(); });
    for (let i = 0; i < 150 && !output.includes('Caseline is running'); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.match(output, /Caseline is running at/, output);
  });
  after(async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints how to sign up and sign in', () => {
    assert.match(output, new RegExp(`${base}/signup`));
    assert.match(output, new RegExp(`${base}/login`));
  });

  for (const page of ['/signup', '/login', '/', '/portal', '/portal/pair?token=x']) {
    it(`serves the web app at ${page}`, async () => {
      const res = await fetch(base + page);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      assert.match(await res.text(), /<div id="root">/);
    });
  }

  it('answers the API and its health checks', async () => {
    assert.equal((await fetch(`${base}/readyz`)).status, 200);
    assert.equal((await fetch(`${base}/api/v1/me`)).status, 401);
  });
});
