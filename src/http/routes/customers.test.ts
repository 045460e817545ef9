import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DIALECTS, addStaffMember, openCase, signUpAccount, startTestApp, type TestApp,
} from '../../../test/support/app.js';

for (const dialect of DIALECTS) {
  describe(`customers (${dialect})`, () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(dialect); });
    after(async () => { await t.close(); });

    it('creates customers with sequential Customer IDs and phones in E.164', async () => {
      const { admin } = await signUpAccount(t.app);
      const a = await admin.post('/api/v1/customers', {
        name: 'Ana Lee', phones: ['212.555.0161 x12', 'not a number'], emails: ['Ana@Example.com'],
        address: '1 Main St', note: 'Prefers e-mail', externalRef: 'CRM-7',
      });
      assert.equal(a.status, 201);
      assert.equal(a.body.customerNo, 1);
      assert.deepEqual(a.body.phones, [
        { raw: '212.555.0161 x12', e164: '+12125550161' }, { raw: 'not a number', e164: null },
      ]);
      assert.deepEqual(a.body.emails, ['Ana@Example.com']);
      const b = await admin.post('/api/v1/customers', { phones: ['+44 20 7946 0018'] });
      assert.equal(b.body.customerNo, 2);
      assert.equal(b.body.name, null, 'a phone-only customer is fine');
    });

    it('reads numbers without a country code against the account region', async () => {
      const { admin } = await signUpAccount(t.app, { defaultRegion: 'GB' });
      const c = await admin.post('/api/v1/customers', { phones: ['020 7946 0018'] });
      assert.equal(c.body.phones[0].e164, '+442079460018');
      const found = await admin.get('/api/v1/customers?phone=%2B44%2020%207946%200018');
      assert.deepEqual(found.body.items.map((x: { id: number }) => x.id), [c.body.id]);
    });

    it('finds customers by phone typed any way, by e-mail ignoring case and by name', async () => {
      const { admin, account, user } = await signUpAccount(t.app);
      const agent = await addStaffMember(admin, account, { departmentId: user.department.id });
      const c = await agent.client.post('/api/v1/customers', {
        name: 'Omar Silva', phones: ['+1 (212) 555-0173'], emails: ['omar@example.com'],
      });
      await agent.client.post('/api/v1/customers', { name: 'Other Person' });
      for (const phone of ['212-555-0173', '+12125550173', '001 212 555 0173']) {
        const res = await agent.client.get(`/api/v1/customers?phone=${encodeURIComponent(phone)}`);
        assert.deepEqual(res.body.items.map((x: { customerNo: number }) => x.customerNo),
          [c.body.customerNo], phone);
      }
      const byEmail = await agent.client.get('/api/v1/customers?email=OMAR@EXAMPLE.COM');
      assert.equal(byEmail.body.items.length, 1);
      const byName = await agent.client.get('/api/v1/customers?q=silva');
      assert.equal(byName.body.items[0].name, 'Omar Silva');
      const none = await agent.client.get('/api/v1/customers?phone=anonymous');
      assert.deepEqual(none.body.items, []);
    });

    it('updates a customer, replacing phones and e-mails as lists', async () => {
      const { admin } = await signUpAccount(t.app);
      const c = await admin.post('/api/v1/customers', { name: 'A', phones: ['+12125550100'] });
      const res = await admin.patch(`/api/v1/customers/${c.body.customerNo}`, {
        name: 'Ana B', phones: ['+12125550199'], emails: ['ana@example.com'], note: null,
      });
      assert.equal(res.status, 200);
      assert.equal(res.body.name, 'Ana B');
      assert.deepEqual(res.body.phones.map((p: { e164: string }) => p.e164), ['+12125550199']);
      const old = await admin.get('/api/v1/customers?phone=%2B12125550100');
      assert.equal(old.body.items.length, 0);
      assert.equal((await admin.get('/api/v1/customers/999')).status, 404);
    });

    it('moves a case off an e-mail address the customer no longer has', async () => {
      const { admin } = await signUpAccount(t.app);
      const opened = await openCase(admin, { customer: { name: 'Eve',
        emails: ['old@example.com', 'new@example.com'] } });
      assert.equal(opened.contactEmail, 'old@example.com');
      const customerNo = opened.customer.customerNo;
      const before = (await admin.get(`/api/v1/cases/${opened.caseNo}`)).body.updatedAt;
      const res = await admin.patch(`/api/v1/customers/${customerNo}`,
        { emails: ['new@example.com'] });
      assert.equal(res.status, 200);
      const after = (await admin.get(`/api/v1/cases/${opened.caseNo}`)).body;
      assert.equal(after.contactEmail, 'new@example.com');
      assert.equal(after.updatedAt, before, 'a profile edit is not activity on the case');
      const history = (await admin.get(`/api/v1/cases/${opened.caseNo}/history`)).body.items;
      assert.ok(history.some((e: { type: string; details: { to?: string } }) =>
        e.type === 'contact_email_changed' && e.details.to === 'new@example.com'));
      await admin.patch(`/api/v1/customers/${customerNo}`, { emails: [] });
      assert.equal((await admin.get(`/api/v1/cases/${opened.caseNo}`)).body.contactEmail, null);
    });

    it('finds names holding % and _ literally', async () => {
      const { admin } = await signUpAccount(t.app);
      await admin.post('/api/v1/customers', { name: '100% Sure_Ltd' });
      await admin.post('/api/v1/customers', { name: '100 Percent' });
      const pct = await admin.get(`/api/v1/customers?q=${encodeURIComponent('100%')}`);
      assert.deepEqual(pct.body.items.map((c: { name: string }) => c.name), ['100% Sure_Ltd']);
      const under = await admin.get(`/api/v1/customers?q=${encodeURIComponent('sure_')}`);
      assert.equal(under.body.items.length, 1);
    });

    it('rejects an invalid e-mail with 400 naming the field', async () => {
      const { admin } = await signUpAccount(t.app);
      const res = await admin.post('/api/v1/customers', { emails: ['nope'] });
      assert.equal(res.status, 400);
      assert.ok(res.body.error.fields['emails.0']);
    });
  });
}
