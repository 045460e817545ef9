/**
 * The `caseline` command, run in-process against a real database of each
 * dialect: what an operator types, what it prints, and what it leaves behind.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIALECTS } from '../../test/support/app.js';
import { createTestPgDatabase } from '../../test/support/postgres.js';
import { openStore, type Store } from '../storage/database.js';

interface Run { code: number; out: string; err: string }

const RUN_CLI = fileURLToPath(new URL('../../test/support/run-cli.ts', import.meta.url));
let env: Record<string, string> = {};

/** Runs the CLI as an operator would, in its own process, and collects what it prints. */
function caseline(...argv: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', RUN_CLI, ...argv], {
      env: { ...process.env, ...env }, timeout: 60_000,
    }, (error, out, err) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? Number(error.code) : 0, out, err });
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`caseline command (${dialect})`, () => {
    let dir: string;
    let store: Store;
    let drop = async () => {};
    const slug = 'cli-co';

    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseline-cli-'));
      if (dialect === 'sqlite') {
        env = { DATABASE_URL: `sqlite:${path.join(dir, 'cli.db')}` };
      } else {
        const pg = await createTestPgDatabase();
        env = { DATABASE_URL: pg.url };
        drop = pg.drop;
      }
      env.LOG_LEVEL = 'silent';
      assert.equal((await caseline('migrate')).code, 0);
      store = openStore(env.DATABASE_URL!);
    });
    after(async () => {
      await store?.close();
      await drop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    async function departmentNames(): Promise<string[]> {
      const rows = await store.db.selectFrom('departments').innerJoin('accounts',
        'accounts.id', 'departments.account_id').select('departments.name')
        .where('accounts.slug', '=', slug).orderBy('departments.name').execute();
      return rows.map((r) => r.name);
    }

    it('creates an account and says how to sign in to it', async () => {
      const run = await caseline('account', 'create', '--name', 'CLI Co', '--slug', slug,
        '--admin-name', 'Ada', '--admin-email', 'ada@example.com', '--password',
        'long enough password');
      assert.equal(run.code, 0, run.err);
      assert.match(run.out, /Created account "CLI Co" \(slug: cli-co\)/);
      assert.deepEqual(await departmentNames(), ['General']);
    });

    it('adds staff to a new department, and a refused member leaves none behind', async () => {
      const ok = await caseline('staff', 'add', '--account', slug, '--name', 'Sam',
        '--email', 'sam@example.com', '--password', 'long enough password',
        '--department', ' Billing ', '--supervisor');
      assert.equal(ok.code, 0, ok.err);
      assert.match(ok.out, /Added Sam <sam@example.com> to Billing, supervisor\./);

      const badEmail = await caseline('staff', 'add', '--account', slug, '--name', 'Bo',
        '--email', 'not-an-address', '--password', 'long enough password',
        '--department', 'Sales');
      assert.equal(badEmail.code, 1);
      assert.match(badEmail.err, /--email: must be an e-mail address/);

      const taken = await caseline('staff', 'add', '--account', slug, '--name', 'Sam 2',
        '--email', 'SAM@example.com', '--password', 'long enough password',
        '--department', 'Sales');
      assert.equal(taken.code, 1);
      assert.match(taken.err, /already/);

      const longName = await caseline('staff', 'add', '--account', slug, '--name', 'Cy',
        '--email', 'cy@example.com', '--password', 'long enough password',
        '--department', 'D'.repeat(101));
      assert.equal(longName.code, 1);
      assert.match(longName.err, /--department/);
      assert.deepEqual(await departmentNames(), ['Billing', 'General']);
    });

    it('sets an admin\'s password from the shell, lifting a sign-in lock', async () => {
      const { buildApp } = await import('../http/app.js');
      const { loadConfig } = await import('../config.js');
      const app = await buildApp({ config: loadConfig({ ...env, PORT: '0' }), store,
        logger: false });
      try {
        const login = (password: string) => app.inject({ method: 'POST',
          url: '/api/v1/auth/login', payload: { account: slug, email: 'ada@example.com',
            password } });
        let status = 0;
        for (let i = 0; i < 8 && status !== 429; i++) {
          status = (await login(`wrong ${i}`)).statusCode;
        }
        assert.equal(status, 429, 'a stranger guessing has locked the only admin out');
        const run = await caseline('staff', 'password', '--account', slug, '--email',
          'ADA@example.com', '--password', 'a brand new password');
        assert.equal(run.code, 0, run.err);
        assert.match(run.out, /Set a new password for Ada <ada@example.com>/);
        assert.equal((await login('a brand new password')).statusCode, 200);
        assert.equal((await login('long enough password')).statusCode, 401);

        const unknown = await caseline('staff', 'password', '--account', slug, '--email',
          'nobody@example.com', '--password', 'a brand new password');
        assert.equal(unknown.code, 1);
        assert.match(unknown.err, /--email/);
        const short = await caseline('staff', 'password', '--account', slug, '--email',
          'ada@example.com', '--password', 'short');
        assert.equal(short.code, 1);
        assert.match(short.err, /--password/);
      } finally {
        await app.close();
      }
    });

    it('imports a conversation export, and a second run adds nothing', async () => {
      const folder = path.join(dir, 'export');
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, 'cases.csv'), [
        'case_ref,department,customer_ref,customer_name,customer_phone,customer_email,subject,'
          + 'status,created_at,updated_at',
        'X1,Returns,C1,Lee Made-Up,+1 212 555 0100,lee@example.com,Parcel lost,in_progress,'
          + '2021-05-01T09:00:00Z,2021-05-01T09:30:00Z', ''].join('\n'));
      fs.writeFileSync(path.join(folder, 'messages.csv'), [
        'case_ref,author_type,author_name,visibility,body,created_at',
        'X1,customer,Lee Made-Up,public,Where is my parcel?,2021-05-01T09:00:00Z',
        'X1,staff,Returns,private,Carrier asked,2021-05-01T09:30:00Z', ''].join('\n'));
      const first = await caseline('import', '--account', slug, '--dir', folder);
      assert.equal(first.code, 0, first.err);
      assert.match(first.out, /cases +1 created, 0 already present/);
      const second = await caseline('import', '--account', slug, '--dir', folder);
      assert.equal(second.code, 0, second.err);
      assert.match(second.out, /cases +0 created, 1 already present/);
      const cases = await store.db.selectFrom('cases').select(({ fn }) => fn.countAll().as('n'))
        .where('external_ref', '=', 'X1').executeTakeFirstOrThrow();
      assert.equal(Number(cases.n), 1);
      assert.ok((await departmentNames()).includes('Returns'));

      const missing = await caseline('import', '--account', 'no-such-co', '--dir', folder);
      assert.equal(missing.code, 1);
      assert.match(missing.err, /No account "no-such-co"/);
    });

    it('prints usage for an unknown command and names a malformed option', async () => {
      const unknown = await caseline('frobnicate');
      assert.equal(unknown.code, 2);
      assert.match(unknown.out, /^Usage: caseline <command>/);
      const bad = await caseline('staff', 'add', '--nonsense');
      assert.equal(bad.code, 1);
      assert.match(bad.err, /nonsense/);
    });
  });
}
