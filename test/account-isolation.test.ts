/**
 * Two companies on one server never reach each other's things: every endpoint
 * that takes an id answers another account's id with 404 and changes nothing.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DIALECTS, addDepartment, addStaffMember, openCase, signUpAccount, startTestApp,
  type Client, type TestApp,
} from './support/app.js';

for (const dialect of DIALECTS) {
  describe(`account isolation (${dialect})`, () => {
    let t: TestApp;
    let victim: { admin: Client; caseNo: number; customerNo: number; messageId: number;
      staffId: number; departmentId: number; tokenId: number; secret: string };
    let attacker: Client;

    before(async () => {
      t = await startTestApp(dialect);
      const a = await signUpAccount(t.app);
      const dept = await addDepartment(a.admin, 'Victim Billing');
      const member = await addStaffMember(a.admin, a.account, { departmentId: dept.id });
      // Give the victim several cases so their numbers are beyond the attacker's own.
      for (let i = 0; i < 3; i++) await openCase(a.admin);
      const c = await openCase(a.admin, {
        subject: 'Victim secret subject',
        customer: { name: 'Victim Customer', phones: ['+1 917 555 0123'],
          emails: ['victim@example.com'] },
        message: { body: 'Victim secret body', visibility: 'public' },
      });
      const token = await a.admin.post('/api/v1/tokens', { name: 'victim token' });
      victim = {
        admin: a.admin, caseNo: c.caseNo, customerNo: c.customer.customerNo,
        messageId: c.messages[0].id, staffId: member.staff.id, departmentId: dept.id,
        tokenId: token.body.id, secret: 'Victim secret',
      };
      const b = await signUpAccount(t.app);
      attacker = b.admin;
      await openCase(attacker, { customer: undefined });
    });
    after(async () => { await t.close(); });

    const probes = (): Array<[string, string, unknown?]> => [
      ['GET', `/api/v1/cases/${victim.caseNo}`],
      ['PATCH', `/api/v1/cases/${victim.caseNo}`, { status: 'closed' }],
      ['GET', `/api/v1/cases/${victim.caseNo}/history`],
      ['GET', `/api/v1/cases/${victim.caseNo}/printable`],
      ['GET', `/api/v1/cases/${victim.caseNo}/pdf`],
      ['POST', `/api/v1/cases/${victim.caseNo}/messages`, { body: 'x', visibility: 'public' }],
      ['POST', `/api/v1/cases/1/messages/${victim.messageId}/redact`],
      ['POST', `/api/v1/cases/${victim.caseNo}/messages/${victim.messageId}/redact`],
      ['GET', `/api/v1/customers/${victim.customerNo}`],
      ['PATCH', `/api/v1/customers/${victim.customerNo}`, { name: 'Pwned' }],
      ['PATCH', `/api/v1/staff/${victim.staffId}`, { active: false }],
      ['PATCH', `/api/v1/departments/${victim.departmentId}`, { name: 'Pwned' }],
      ['DELETE', `/api/v1/tokens/${victim.tokenId}`],
      ['POST', '/api/v1/staff', { name: 'X', email: 'x@example.com',
        password: 'long enough password', departmentId: victim.departmentId }],
      ['PATCH', '/api/v1/cases/1', { departmentId: victim.departmentId }],
    ];

    it('answers every probe with another account\'s ids with 404', async () => {
      for (const [method, url, body] of probes()) {
        const res = await attacker.send(method, url, body);
        assert.equal(res.status, 404, `${method} ${url} → ${res.status} ${res.raw}`);
        assert.equal(res.body.error.code, 'not_found');
        assert.ok(!res.raw.toString().includes(victim.secret), `${method} ${url} leaked`);
      }
    });

    it('finds nothing of the other account by search', async () => {
      const queries = [`caseNo=${victim.caseNo}`, `customerNo=${victim.customerNo}`,
        'phone=9175550123', 'email=victim@example.com', 'q=Victim', 'q=secret'];
      for (const q of queries) {
        const res = await attacker.get(`/api/v1/cases?status=all&department=all&${q}`);
        assert.equal(res.status, 200);
        assert.ok(!res.raw.toString().includes('Victim'), q);
      }
      for (const q of ['phone=9175550123', 'email=victim@example.com', 'q=Victim', '']) {
        const res = await attacker.get(`/api/v1/customers?${q}`);
        assert.equal(res.status, 200);
        assert.equal(res.body.items.length, 0, q);
      }
      const lists = ['/api/v1/staff', '/api/v1/departments', '/api/v1/account'];
      for (const url of lists) {
        assert.ok(!(await attacker.get(url)).raw.toString().includes('Victim'), url);
      }
    });

    it('left the victim\'s things unchanged', async () => {
      const c = await victim.admin.get(`/api/v1/cases/${victim.caseNo}`);
      assert.equal(c.body.status, 'in_progress');
      assert.equal(c.body.messages.length, 1);
      assert.equal(c.body.messages[0].redacted, false);
      assert.equal(c.body.customer.name, 'Victim Customer');
      const staff = await victim.admin.get('/api/v1/staff');
      assert.ok(staff.body.items.every((s: { active: boolean }) => s.active));
      assert.ok(staff.body.items.every((s: { email: string }) => s.email !== 'x@example.com'));
      const depts = await victim.admin.get('/api/v1/departments');
      assert.ok(depts.body.items.some((d: { name: string }) => d.name === 'Victim Billing'));
    });
  });
}
