import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DIALECTS, addDepartment, addStaffMember, signUpAccount, startTestApp, type TestApp,
} from '../../../test/support/app.js';

for (const dialect of DIALECTS) {
  describe(`administration (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(dialect, { MAIL_SENDER_DOMAINS: 'acme.example, mail.acme.example' });
    });
    after(async () => { await t.close(); });

    it('adds and renames departments; a duplicate name is a 409', async () => {
      const { admin } = await signUpAccount(t.app);
      const sales = await addDepartment(admin, 'Sales');
      const dup = await admin.post('/api/v1/departments', { name: 'Sales' });
      assert.equal(dup.status, 409);
      assert.ok(dup.body.error.fields.name);
      const renamed = await admin.patch(`/api/v1/departments/${sales.id}`, { name: 'Sales EU' });
      assert.equal(renamed.body.name, 'Sales EU');
      const list = await admin.get('/api/v1/departments');
      assert.deepEqual(list.body.items.map((d: { name: string }) => d.name),
        ['General', 'Sales EU']);
    });

    it('refuses administration to an agent with 403 but lists departments to any staff',
      async () => {
        const { admin, account, user } = await signUpAccount(t.app);
        const agent = await addStaffMember(admin, account, { departmentId: user.department.id });
        assert.equal((await agent.client.get('/api/v1/departments')).status, 200);
        for (const [method, url, body] of [
          ['POST', '/api/v1/departments', { name: 'X' }], ['GET', '/api/v1/staff'],
          ['PATCH', `/api/v1/staff/${agent.staff.id}`, { admin: true }],
          ['GET', '/api/v1/account'], ['PATCH', '/api/v1/account', { name: 'Mine' }],
        ] as const) {
          const res = await agent.client.send(method, url, body);
          assert.equal(res.status, 403, `${method} ${url}`);
        }
        const me = await agent.client.get('/api/v1/me');
        assert.equal(me.body.admin, false, 'the refused self-promotion changed nothing');
      });

    it('adds staff; the same e-mail twice in one account is a 409', async () => {
      const { admin, user } = await signUpAccount(t.app);
      const body = { name: 'Sam', email: 'sam@example.com', password: 'long enough password',
        departmentId: user.department.id };
      assert.equal((await admin.post('/api/v1/staff', body)).status, 201);
      const again = await admin.post('/api/v1/staff', { ...body, email: 'SAM@example.com' });
      assert.equal(again.status, 409);
      assert.ok(again.body.error.fields.email);
    });

    it('lets the same e-mail be staff in two accounts', async () => {
      const a = await signUpAccount(t.app);
      const b = await signUpAccount(t.app);
      const body = { name: 'Sam', email: 'shared@example.com', password: 'long enough password' };
      assert.equal((await a.admin.post('/api/v1/staff',
        { ...body, departmentId: a.user.department.id })).status, 201);
      assert.equal((await b.admin.post('/api/v1/staff',
        { ...body, departmentId: b.user.department.id })).status, 201);
    });

    it('moves a member to another department, which changes their desk', async () => {
      const { admin, account, user } = await signUpAccount(t.app);
      const sales = await addDepartment(admin, 'Sales');
      const agent = await addStaffMember(admin, account, { departmentId: user.department.id });
      const moved = await admin.patch(`/api/v1/staff/${agent.staff.id}`,
        { departmentId: sales.id, supervisor: true });
      assert.equal(moved.body.department.name, 'Sales');
      const me = await agent.client.get('/api/v1/me');
      assert.equal(me.body.department.id, sales.id);
      assert.equal(me.body.supervisor, true);
    });

    it('keeps at least one active admin', async () => {
      const { admin, user } = await signUpAccount(t.app);
      const res = await admin.patch(`/api/v1/staff/${user.id}`, { admin: false });
      assert.equal(res.status, 409);
      assert.equal((await admin.get('/api/v1/me')).body.admin, true);
    });

    it('keeps one admin when two admins demote each other at the same moment', async () => {
      for (let round = 0; round < 5; round++) {
        const { admin, account, user } = await signUpAccount(t.app);
        const second = await addStaffMember(admin, account,
          { departmentId: user.department.id, admin: true });
        const results = await Promise.all([
          admin.patch(`/api/v1/staff/${second.staff.id}`, { admin: false }),
          second.client.patch(`/api/v1/staff/${user.id}`, { admin: false }),
        ]);
        // The loser is refused either by the rule (409) or, when the winner's change
        // landed before its request was authorised, as no longer an admin (403).
        const statuses = results.map((r) => r.status).sort();
        assert.equal(statuses[0], 200, `round ${round}`);
        assert.ok(statuses[1] === 403 || statuses[1] === 409, `round ${round}: ${statuses}`);
        const admins = await Promise.all([admin, second.client].map((c) => c.get('/api/v1/me')));
        assert.equal(admins.filter((me) => me.body.admin === true).length, 1,
          `round ${round}: exactly one admin remains`);
      }
    });

    it('changes account settings and validates region and time zone', async () => {
      const { admin } = await signUpAccount(t.app);
      const ok = await admin.patch('/api/v1/account', {
        name: 'Acme GmbH', defaultRegion: 'de', timezone: 'Europe/Berlin',
        mailFrom: 'help@acme.example',
      });
      assert.equal(ok.status, 200);
      assert.equal(ok.body.defaultRegion, 'DE');
      assert.equal(ok.body.timezone, 'Europe/Berlin');
      const bad = await admin.patch('/api/v1/account', { timezone: 'Mars/Olympus' });
      assert.equal(bad.status, 400);
      assert.ok(bad.body.error.fields.timezone);
      const badRegion = await admin.patch('/api/v1/account', { defaultRegion: 'XX' });
      assert.equal(badRegion.status, 400);
      const spoof = await admin.patch('/api/v1/account', { mailFrom: 'ceo@bank.example' });
      assert.equal(spoof.status, 400, 'no sending as a domain the server does not allow');
      assert.ok(spoof.body.error.fields.mailFrom);
      assert.equal((await admin.get('/api/v1/account')).body.mailFrom, 'help@acme.example');
      assert.equal((await admin.get('/api/v1/account')).body.timezone, 'Europe/Berlin');
    });
  });
}
