/**
 * Password change by the member (POST /me/password) and reset by an admin
 * (PATCH /staff/:id with a password): who may, what is checked and throttled,
 * which sessions and tokens end, and that a reset lifts a sign-in lock.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { buildApp } from '../src/http/app.js';
import { createLogger } from '../src/logger.js';
import {
  Client, DIALECTS, addDepartment, addStaffMember, signUpAccount, startTestApp,
  type SignedUp, type TestApp,
} from './support/app.js';

const NEW_PASSWORD = 'a brand new passphrase';

for (const dialect of DIALECTS) {
  describe(`password change and reset (${dialect})`, () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(dialect); });
    after(async () => { await t.close(); });

    /** A fresh client signed in (or not) with these credentials, and the login's status. */
    async function signIn(slug: string, email: string, password: string) {
      const client = new Client(t.app);
      const res = await client.post('/api/v1/auth/login', { account: slug, email, password });
      return { status: res.status, client };
    }

    async function member(signed: SignedUp) {
      return addStaffMember(signed.admin, signed.account,
        { departmentId: signed.user.department.id });
    }

    const change = (client: Client, currentPassword: string, newPassword: string) =>
      client.post('/api/v1/me/password', { currentPassword, newPassword });

    async function apiToken(client: Client): Promise<Client> {
      const created = await client.post('/api/v1/tokens', { name: 'script' });
      assert.equal(created.status, 201);
      const bearer = new Client(t.app);
      bearer.bearer = created.body.token;
      assert.equal((await bearer.get('/api/v1/me')).status, 200);
      return bearer;
    }

    it('changes the password: the new one signs in, the old one no longer does', async () => {
      const signed = await signUpAccount(t.app);
      const m = await member(signed);
      const res = await change(m.client, m.password, NEW_PASSWORD);
      assert.equal(res.status, 204);
      assert.equal((await signIn(signed.account.slug, m.email, m.password)).status, 401);
      assert.equal((await signIn(signed.account.slug, m.email, NEW_PASSWORD)).status, 200);
    });

    it('refuses a wrong current password with 400 naming currentPassword, changing nothing',
      async () => {
        const signed = await signUpAccount(t.app);
        const m = await member(signed);
        const bearer = await apiToken(m.client);
        const res = await change(m.client, 'not my password at all', NEW_PASSWORD);
        assert.equal(res.status, 400, 'not 401: the member is still signed in');
        assert.equal(res.body.error.code, 'validation_failed');
        assert.ok(res.body.error.fields.currentPassword);
        assert.equal((await m.client.get('/api/v1/me')).status, 200);
        assert.equal((await bearer.get('/api/v1/me')).status, 200, 'the token still works');
        assert.equal((await signIn(signed.account.slug, m.email, m.password)).status, 200);
        assert.equal((await signIn(signed.account.slug, m.email, NEW_PASSWORD)).status, 401);
      });

    it('refuses a short new password or the current one again with 400 naming newPassword',
      async () => {
        const signed = await signUpAccount(t.app);
        const m = await member(signed);
        for (const newPassword of ['short', m.password]) {
          const res = await change(m.client, m.password, newPassword);
          assert.equal(res.status, 400, newPassword);
          assert.equal(res.body.error.code, 'validation_failed');
          assert.ok(res.body.error.fields.newPassword, newPassword);
          assert.equal(res.body.error.fields.currentPassword, undefined);
        }
        const missing = await m.client.post('/api/v1/me/password', { newPassword: NEW_PASSWORD });
        assert.equal(missing.status, 400);
        assert.ok(missing.body.error.fields.currentPassword);
        assert.equal((await signIn(signed.account.slug, m.email, m.password)).status, 200);
      });

    it('answers 429 from the sixth wrong current password on, even to the right one',
      async () => {
        const signed = await signUpAccount(t.app);
        const m = await member(signed);
        const statuses: number[] = [];
        for (let i = 0; i < 6; i++) {
          statuses.push((await change(m.client, `wrong guess ${i}`, NEW_PASSWORD)).status);
        }
        assert.deepEqual(statuses, [400, 400, 400, 400, 400, 429]);
        const right = await change(m.client, m.password, NEW_PASSWORD);
        assert.equal(right.status, 429);
        assert.equal(right.body.error.code, 'rate_limited');
        assert.ok(Number(right.headers['retry-after']) > 0);
        assert.equal((await m.client.get('/api/v1/me')).status, 200, 'still signed in');
        assert.equal((await signIn(signed.account.slug, m.email, m.password)).status, 200,
          'guessing here does not lock the member out of sign-in');
      });

    it('forgives earlier wrong guesses once the change succeeds', async () => {
      const signed = await signUpAccount(t.app);
      const m = await member(signed);
      for (let i = 0; i < 4; i++) await change(m.client, `wrong guess ${i}`, NEW_PASSWORD);
      assert.equal((await change(m.client, m.password, NEW_PASSWORD)).status, 204);
      for (let i = 0; i < 4; i++) await change(m.client, `wrong again ${i}`, m.password);
      assert.equal((await change(m.client, NEW_PASSWORD, m.password)).status, 204);
    });

    it('ends the member\'s other sessions and every API token; the changing session stays',
      async () => {
        const signed = await signUpAccount(t.app);
        const m = await member(signed);
        const other = await signIn(signed.account.slug, m.email, m.password);
        assert.equal(other.status, 200);
        const bearer = await apiToken(m.client);
        const colleague = await member(signed);

        assert.equal((await change(m.client, m.password, NEW_PASSWORD)).status, 204);
        assert.equal((await m.client.get('/api/v1/me')).status, 200);
        assert.equal((await other.client.get('/api/v1/me')).status, 401);
        assert.equal((await bearer.get('/api/v1/me')).status, 401);
        assert.equal((await colleague.client.get('/api/v1/me')).status, 200,
          'nobody else is signed out');
        assert.equal((await signed.admin.get('/api/v1/me')).status, 200);
      });

    it('lets only one of two changes made at once from the same old password win',
      async () => {
        const signed = await signUpAccount(t.app);
        const m = await member(signed);
        const other = await signIn(signed.account.slug, m.email, m.password);
        const [first, second] = ['first new passphrase', 'second new passphrase'];
        const replies = await Promise.all([change(m.client, m.password, first),
          change(other.client, m.password, second)]);
        const statuses = replies.map((r) => r.status);
        assert.equal(statuses.filter((s) => s === 204).length, 1, statuses.join(','));
        // The loser is told its current password no longer holds, or finds its session ended.
        assert.ok(statuses.every((s) => s === 204 || s === 400 || s === 401), statuses.join(','));
        const signIns = await Promise.all([first, second].map(async (password) =>
          (await signIn(signed.account.slug, m.email, password)).status));
        assert.deepEqual(signIns.sort(), [200, 401]);
      });

    it('a change made with an API token ends every session and token, that one too',
      async () => {
        const signed = await signUpAccount(t.app);
        const m = await member(signed);
        const bearer = await apiToken(m.client);
        // A cookie beside the bearer token is not what signed the request in: not spared.
        bearer.cookie = m.client.cookie;
        assert.equal((await change(bearer, m.password, NEW_PASSWORD)).status, 204);
        bearer.cookie = undefined;
        assert.equal((await bearer.get('/api/v1/me')).status, 401);
        assert.equal((await m.client.get('/api/v1/me')).status, 401);
        assert.equal((await signIn(signed.account.slug, m.email, NEW_PASSWORD)).status, 200);
      });

    it('an admin\'s reset lifts a sign-in lock: the member signs in with it at once',
      async () => {
        const signed = await signUpAccount(t.app);
        const m = await member(signed);
        const bearer = await apiToken(m.client);
        let last = 0;
        for (let i = 0; i < 6; i++) {
          last = (await signIn(signed.account.slug, m.email, `guess ${i}`)).status;
        }
        assert.equal(last, 429);
        assert.equal((await signIn(signed.account.slug, m.email, m.password)).status, 429);

        const reset = await signed.admin.patch(`/api/v1/staff/${m.staff.id}`,
          { password: NEW_PASSWORD });
        assert.equal(reset.status, 200);
        assert.equal(reset.body.id, m.staff.id);
        assert.equal((await m.client.get('/api/v1/me')).status, 401, 'old session ended');
        assert.equal((await bearer.get('/api/v1/me')).status, 401, 'old token revoked');
        // Typed as people type it: the lock lifted is the one any spelling reaches.
        const again = await signIn(signed.account.slug.toUpperCase(), m.email.toUpperCase(),
          NEW_PASSWORD);
        assert.equal(again.status, 200);
        assert.equal((await again.client.get('/api/v1/me')).status, 200);
        assert.equal((await signIn(signed.account.slug, m.email, m.password)).status, 401);
        assert.equal((await signed.admin.get('/api/v1/me')).status, 200);
      });

    it('sends an admin resetting their own password to Change password, changing nothing',
      async () => {
        const signed = await signUpAccount(t.app);
        const email = (await signed.admin.get('/api/v1/me')).body.email as string;
        const res = await signed.admin.patch(`/api/v1/staff/${signed.user.id}`,
          { password: NEW_PASSWORD, name: 'Renamed' });
        assert.equal(res.status, 400);
        assert.ok(res.body.error.fields.password);
        assert.equal((await signed.admin.get('/api/v1/me')).body.name, 'Ada Admin');
        assert.equal((await signIn(signed.account.slug, email, 'correct horse battery')).status,
          200);
        assert.equal((await signIn(signed.account.slug, email, NEW_PASSWORD)).status, 401);
      });

    it('refuses an agent a reset with 403, for a colleague and for themselves', async () => {
      const signed = await signUpAccount(t.app);
      const agent = await member(signed);
      const colleague = await member(signed);
      for (const id of [colleague.staff.id, signed.user.id, agent.staff.id]) {
        const res = await agent.client.patch(`/api/v1/staff/${id}`, { password: NEW_PASSWORD });
        assert.equal(res.status, 403, `staff ${id}`);
        assert.equal(res.body.error.code, 'forbidden');
      }
      assert.equal((await signIn(signed.account.slug, colleague.email, colleague.password))
        .status, 200);
      assert.equal((await colleague.client.get('/api/v1/me')).status, 200);
      assert.equal((await agent.client.get('/api/v1/me')).status, 200);
    });

    it('answers 404 to an admin of another account, whose reset changes nothing', async () => {
      const signed = await signUpAccount(t.app);
      const m = await member(signed);
      const stranger = await signUpAccount(t.app);
      const res = await stranger.admin.patch(`/api/v1/staff/${m.staff.id}`,
        { password: NEW_PASSWORD });
      assert.equal(res.status, 404);
      assert.equal(res.body.error.code, 'not_found');
      assert.equal((await m.client.get('/api/v1/me')).status, 200);
      assert.equal((await signIn(signed.account.slug, m.email, m.password)).status, 200);
    });

    it('applies a password with other fields all or nothing', async () => {
      const signed = await signUpAccount(t.app);
      const m = await member(signed);
      const url = `/api/v1/staff/${m.staff.id}`;

      const shortPassword = await signed.admin.patch(url, { name: 'Renamed', password: 'short' });
      assert.equal(shortPassword.status, 400);
      assert.ok(shortPassword.body.error.fields.password);

      const missingDepartment = await signed.admin.patch(url,
        { name: 'Renamed', password: NEW_PASSWORD, departmentId: 2_000_000_000 });
      assert.ok(missingDepartment.status >= 400 && missingDepartment.status < 500,
        String(missingDepartment.status));
      assert.ok(missingDepartment.body.error.fields.departmentId);

      const me = await m.client.get('/api/v1/me');
      assert.equal(me.status, 200, 'the refused resets ended no session');
      assert.equal(me.body.name, m.staff.name);
      assert.equal((await signIn(signed.account.slug, m.email, NEW_PASSWORD)).status, 401);
      assert.equal((await signIn(signed.account.slug, m.email, m.password)).status, 200);

      const sales = await addDepartment(signed.admin);
      const both = await signed.admin.patch(url,
        { name: 'Renamed', password: NEW_PASSWORD, departmentId: sales.id });
      assert.equal(both.status, 200);
      assert.equal(both.body.name, 'Renamed');
      assert.equal(both.body.department.id, sales.id);
      assert.equal((await signIn(signed.account.slug, m.email, NEW_PASSWORD)).status, 200);
    });
  });
}

describe('password logs', () => {
  it('name the change and the reset, and never a password', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const t = await startTestApp(DIALECTS[0]!);
    const app = await buildApp({ config: t.config, store: t.store,
      logger: createLogger('info', sink) });
    const secrets = ['first-secret-passphrase', 'second-secret-passphrase',
      'third-secret-passphrase'];
    try {
      await app.ready();
      const signed = await signUpAccount(app);
      const m = await addStaffMember(signed.admin, signed.account,
        { departmentId: signed.user.department.id });
      const change = (currentPassword: string, newPassword: string) =>
        m.client.post('/api/v1/me/password', { currentPassword, newPassword });
      assert.equal((await change(secrets[0]!, secrets[1]!)).status, 400);
      assert.equal((await change(m.password, secrets[1]!)).status, 204);
      const reset = await signed.admin.patch(`/api/v1/staff/${m.staff.id}`,
        { password: secrets[2] });
      assert.equal(reset.status, 200);
    } finally {
      await app.close();
      await t.close();
    }
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const changed = entries.find((e) => e.msg === 'password changed');
    const reset = entries.find((e) => e.msg === 'password reset by admin');
    assert.ok(changed && typeof changed.staffId === 'number');
    assert.ok(reset && typeof reset.staffId === 'number' && typeof reset.by === 'number');
    const log = lines.join('');
    for (const secret of secrets) assert.ok(!log.includes(secret), `${secret} reached the log`);
  });
});
