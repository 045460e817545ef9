import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, DIALECTS, addStaffMember, signUpAccount, startTestApp, unique, type TestApp,
} from '../../../test/support/app.js';

for (const dialect of DIALECTS) {
  describe(`accounts and sign-in (${dialect})`, () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(dialect); });
    after(async () => { await t.close(); });

    it('signs a company up with a General department and a signed-in admin', async () => {
      const { admin, account, user } = await signUpAccount(t.app, { accountSlug: unique('acme-') });
      assert.match(account.slug, /^acme-/);
      assert.equal(user.department.name, 'General');
      const me = await admin.get('/api/v1/me');
      assert.equal(me.status, 200);
      assert.equal(me.body.admin, true);
      assert.equal(me.body.supervisor, true);
      assert.equal(me.body.active, true);
    });

    it('refuses a taken account slug with 409 naming accountSlug', async () => {
      const slug = unique('taken-');
      await signUpAccount(t.app, { accountSlug: slug });
      const res = await new Client(t.app).post('/api/v1/signup', {
        accountName: 'Other', accountSlug: slug, adminName: 'B', adminEmail: 'b@example.com',
        password: 'long enough password',
      });
      assert.equal(res.status, 409);
      assert.equal(res.body.error.code, 'conflict');
      assert.ok(res.body.error.fields.accountSlug);
    });

    it('gives companies of one name signing up at once each their own address', async () => {
      const name = unique('Twin Co ');
      const replies = await Promise.all(Array.from({ length: 6 }, (_, i) =>
        new Client(t.app).post('/api/v1/signup', {
          accountName: name, adminName: 'Ada', adminEmail: `ada${i}@example.com`,
          password: 'long enough password',
        })));
      assert.deepEqual(replies.map((r) => r.status), [201, 201, 201, 201, 201, 201]);
      const slugs = new Set(replies.map((r) => r.body.account.slug));
      assert.equal(slugs.size, 6);
    });

    it('rejects a short password and a bad region with 400 naming both fields', async () => {
      const res = await new Client(t.app).post('/api/v1/signup', {
        accountName: 'X', adminName: 'Y', adminEmail: 'not-an-email', password: 'short',
        defaultRegion: 'USA',
      });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, 'validation_failed');
      assert.ok(res.body.error.fields.password);
      assert.ok(res.body.error.fields.adminEmail);
      assert.ok(res.body.error.fields.defaultRegion);
    });

    it('answers malformed JSON with 400 validation_failed', async () => {
      const res = await new Client(t.app).post('/api/v1/signup', '{"accountName": ');
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, 'validation_failed');
    });

    it('signs in by account slug and e-mail in any case, and out again', async () => {
      const { admin, account } = await signUpAccount(t.app);
      const email = (await admin.get('/api/v1/me')).body.email as string;
      const c = new Client(t.app);
      const res = await c.post('/api/v1/auth/login', {
        account: account.slug.toUpperCase(), email: email.toUpperCase(),
        password: 'correct horse battery',
      });
      assert.equal(res.status, 200);
      assert.equal(res.body.user.email, email);
      assert.equal((await c.get('/api/v1/me')).status, 200);
      const cookie = c.cookie;
      assert.equal((await c.post('/api/v1/auth/logout')).status, 204);
      c.cookie = cookie;
      assert.equal((await c.get('/api/v1/me')).status, 401, 'the old session no longer works');
    });

    it('gives the same 401 for an unknown e-mail and a wrong password', async () => {
      const { admin, account } = await signUpAccount(t.app);
      const email = (await admin.get('/api/v1/me')).body.email as string;
      const wrong = await new Client(t.app).post('/api/v1/auth/login', {
        account: account.slug, email, password: 'not the password',
      });
      const unknown = await new Client(t.app).post('/api/v1/auth/login', {
        account: account.slug, email: 'nobody@example.com', password: 'not the password',
      });
      assert.equal(wrong.status, 401);
      assert.equal(unknown.status, 401);
      assert.equal(wrong.body.error.message, unknown.body.error.message);
    });

    it('throttles repeated failures for one e-mail with 429 and Retry-After', async () => {
      const { admin, account } = await signUpAccount(t.app);
      const email = (await admin.get('/api/v1/me')).body.email as string;
      const attempt = (password: string, who = email) => new Client(t.app).post(
        '/api/v1/auth/login', { account: account.slug, email: who, password });
      for (let i = 0; i < 6; i++) await attempt('wrong password');
      const blocked = await attempt('correct horse battery');
      assert.equal(blocked.status, 429);
      assert.equal(blocked.body.error.code, 'rate_limited');
      assert.ok(Number(blocked.headers['retry-after']) > 0);
      const colleague = await attempt('anything at all', 'colleague@example.com');
      assert.equal(colleague.status, 401, 'another e-mail of the account is not locked out');
    });

    it('counts parallel guesses one by one, so a burst cannot outrun the throttle', async () => {
      const { admin, account } = await signUpAccount(t.app);
      const email = (await admin.get('/api/v1/me')).body.email as string;
      const burst = await Promise.all(Array.from({ length: 20 }, () => new Client(t.app).post(
        '/api/v1/auth/login', { account: account.slug, email, password: 'wrong password' })));
      const statuses = burst.map((r) => r.status);
      assert.equal(statuses.filter((s) => s === 401).length, 5, statuses.join(','));
      assert.equal(statuses.filter((s) => s === 429).length, 15);
      const right = await new Client(t.app).post('/api/v1/auth/login', {
        account: account.slug, email, password: 'correct horse battery',
      });
      assert.equal(right.status, 429, 'the right password is not even checked while blocked');
    });

    it('refuses a deactivated member at sign-in and ends their session and tokens', async () => {
      const { admin, account, user } = await signUpAccount(t.app);
      const member = await addStaffMember(admin, account, { departmentId: user.department.id });
      const token = await member.client.post('/api/v1/tokens', { name: 'script' });
      assert.equal(token.status, 201);
      const bearer = new Client(t.app);
      bearer.bearer = token.body.token;
      assert.equal((await bearer.get('/api/v1/me')).status, 200);

      const off = await admin.patch(`/api/v1/staff/${member.staff.id}`, { active: false });
      assert.equal(off.status, 200);
      assert.equal(off.body.active, false);
      assert.equal((await member.client.get('/api/v1/me')).status, 401);
      assert.equal((await bearer.get('/api/v1/me')).status, 401);
      const login = await new Client(t.app).post('/api/v1/auth/login', {
        account: account.slug, email: member.email, password: member.password,
      });
      assert.equal(login.status, 401);
      await admin.patch(`/api/v1/staff/${member.staff.id}`, { active: true });
      assert.equal((await bearer.get('/api/v1/me')).status, 401,
        'reactivation does not bring old tokens back');
    });

    it('creates an API token shown once and deletes it', async () => {
      const { admin } = await signUpAccount(t.app);
      const created = await admin.post('/api/v1/tokens', { name: 'ci' });
      assert.equal(created.status, 201);
      assert.match(created.body.token, /^cl_/);
      const bearer = new Client(t.app);
      bearer.bearer = created.body.token;
      assert.equal((await bearer.get('/api/v1/me')).status, 200);
      assert.equal((await admin.delete(`/api/v1/tokens/${created.body.id}`)).status, 204);
      assert.equal((await bearer.get('/api/v1/me')).status, 401);
    });

    it('refuses a cookie-authenticated write from another site with 403', async () => {
      const { admin } = await signUpAccount(t.app);
      const res = await admin.send('POST', '/api/v1/departments', { name: 'Evil' },
        { origin: 'https://evil.example' });
      assert.equal(res.status, 403);
      assert.equal(res.body.error.code, 'forbidden');
      const depts = await admin.get('/api/v1/departments');
      assert.ok(!depts.body.items.some((d: { name: string }) => d.name === 'Evil'));
      const fetchSite = await admin.send('POST', '/api/v1/departments', { name: 'Evil2' },
        { 'sec-fetch-site': 'cross-site' });
      assert.equal(fetchSite.status, 403);
      const same = await admin.send('POST', '/api/v1/departments', { name: unique('Ok ') },
        { origin: t.config.publicUrl });
      assert.equal(same.status, 201);
    });

    it('answers 401 to every staff endpoint without credentials', async () => {
      for (const url of ['/api/v1/me', '/api/v1/cases', '/api/v1/customers', '/api/v1/staff']) {
        const res = await new Client(t.app).get(url);
        assert.equal(res.status, 401, url);
        assert.equal(res.body.error.code, 'unauthenticated');
      }
    });
  });
}

describe('closed sign-up', () => {
  it('refuses sign-up with 403 when CASELINE_SIGNUP=closed', async () => {
    const t = await startTestApp('sqlite', { CASELINE_SIGNUP: 'closed' });
    try {
      const res = await new Client(t.app).post('/api/v1/signup', {
        accountName: 'X', adminName: 'Y', adminEmail: 'y@example.com',
        password: 'long enough password',
      });
      assert.equal(res.status, 403);
      assert.equal(res.body.error.code, 'forbidden');
    } finally {
      await t.close();
    }
  });
});
