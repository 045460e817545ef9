import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DIALECTS, addDepartment, addStaffMember, openCase, signUpAccount, startTestApp,
  type TestApp,
} from '../../../test/support/app.js';

for (const dialect of DIALECTS) {
  describe(`cases (${dialect})`, () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(dialect); });
    after(async () => { await t.close(); });

    it('opens a case for a new customer in the creator\'s department', async () => {
      const { admin, user } = await signUpAccount(t.app);
      const c = await openCase(admin);
      assert.equal(c.caseNo, 1);
      assert.equal(c.status, 'in_progress');
      assert.equal(c.department.id, user.department.id);
      assert.equal(c.customer.customerNo, 1);
      assert.deepEqual(c.customer.phones, [{ raw: '+1 (212) 555-0161', e164: '+12125550161' }]);
      assert.equal(c.contactEmail, 'carla@example.com', 'defaults to the first address');
      assert.equal(c.messages.length, 1);
      assert.equal(c.messages[0].author.type, 'staff');
      assert.equal(c.createdBy.id, user.id);
    });

    it('opens a case without any customer', async () => {
      const { admin } = await signUpAccount(t.app);
      const c = await openCase(admin, { customer: undefined });
      assert.equal(c.customer, null);
      assert.equal(c.contactEmail, null);
    });

    it('refuses customerNo together with customer with 400', async () => {
      const { admin } = await signUpAccount(t.app);
      await openCase(admin);
      const res = await admin.post('/api/v1/cases', {
        subject: 'x', customerNo: 1, customer: { name: 'Y' },
        message: { body: 'b', visibility: 'public' },
      });
      assert.equal(res.status, 400);
      assert.ok(res.body.error.fields.customer);
    });

    it('refuses a contact e-mail that is not the customer\'s and writes nothing', async () => {
      const { admin } = await signUpAccount(t.app);
      const res = await admin.post('/api/v1/cases', {
        subject: 'x', customer: { name: 'Y', emails: ['y@example.com'] },
        contactEmail: 'other@example.com', message: { body: 'b', visibility: 'public' },
      });
      assert.equal(res.status, 400);
      assert.ok(res.body.error.fields.contactEmail);
      const customers = await admin.get('/api/v1/customers');
      assert.equal(customers.body.items.length, 0, 'the customer was rolled back too');
      const next = await openCase(admin);
      assert.equal(next.caseNo, 1, 'no Case # was used up');
      assert.equal(next.customer.customerNo, 1, 'no Customer ID was used up');
    });

    it('refuses a supervisor message from an agent with 403', async () => {
      const { admin, account, user } = await signUpAccount(t.app);
      const agent = await addStaffMember(admin, account, { departmentId: user.department.id });
      const res = await agent.client.post('/api/v1/cases', {
        subject: 'x', message: { body: 'secret', visibility: 'supervisor' },
      });
      assert.equal(res.status, 403);
      const c = await openCase(agent.client);
      const msg = await agent.client.post(`/api/v1/cases/${c.caseNo}/messages`, {
        body: 'secret', visibility: 'supervisor',
      });
      assert.equal(msg.status, 403);
    });

    it('answers an unknown Case # with 404 and a bad one with 400', async () => {
      const { admin } = await signUpAccount(t.app);
      assert.equal((await admin.get('/api/v1/cases/999')).status, 404);
      const bad = await admin.get('/api/v1/cases/abc');
      assert.equal(bad.status, 400);
      assert.ok(bad.body.error.fields.caseNo);
      assert.equal((await admin.get('/api/v1/cases/99999999999999999999')).status, 400);
    });

    it('refuses a message over 100,000 characters with 413 and stores nothing', async () => {
      const { admin } = await signUpAccount(t.app);
      const c = await openCase(admin);
      const res = await admin.post(`/api/v1/cases/${c.caseNo}/messages`, {
        body: 'x'.repeat(100_001), visibility: 'private',
      });
      assert.equal(res.status, 413);
      assert.equal(res.body.error.code, 'payload_too_large');
      const huge = await admin.post(`/api/v1/cases/${c.caseNo}/messages`, {
        body: 'y'.repeat(2_000_000), visibility: 'private',
      });
      assert.equal(huge.status, 413);
      assert.equal((await admin.get(`/api/v1/cases/${c.caseNo}`)).body.messages.length, 1);
    });

    it('warns about a card number in a message', async () => {
      const { admin } = await signUpAccount(t.app);
      const c = await openCase(admin);
      const res = await admin.post(`/api/v1/cases/${c.caseNo}/messages`, {
        body: 'Card 4111 1111 1111 1111 exp 12/29', visibility: 'private',
      });
      assert.equal(res.status, 201);
      assert.deepEqual(res.body.warnings.map((w: { kind: string }) => w.kind), ['card_number']);
      assert.ok(!JSON.stringify(res.body.warnings).includes('4111'));
    });

    it('refuses a subject with a line break with 400 naming subject, changing nothing',
      async () => {
        const { admin } = await signUpAccount(t.app);
        const c = await openCase(admin);
        const res = await admin.patch(`/api/v1/cases/${c.caseNo}`,
          { subject: 'Hi\r\nBcc: someone@example.com' });
        assert.equal(res.status, 400);
        assert.ok(res.body.error.fields.subject);
        assert.equal((await admin.get(`/api/v1/cases/${c.caseNo}`)).body.subject, c.subject);
      });

    it('refuses notify on a private message with 400 naming notify', async () => {
      const { admin } = await signUpAccount(t.app);
      const c = await openCase(admin);
      const res = await admin.post(`/api/v1/cases/${c.caseNo}/messages`, {
        body: 'hello', visibility: 'private', notify: true,
      });
      assert.equal(res.status, 400);
      assert.ok(res.body.error.fields.notify);
    });

    it('closes and reopens a case, recording both in the history', async () => {
      const { admin } = await signUpAccount(t.app);
      const c = await openCase(admin);
      const closed = await admin.patch(`/api/v1/cases/${c.caseNo}`, { status: 'closed' });
      assert.equal(closed.body.status, 'closed');
      assert.ok(closed.body.closedAt);
      const desk = await admin.get('/api/v1/cases');
      assert.ok(!desk.body.items.some((s: { caseNo: number }) => s.caseNo === c.caseNo));
      const reopened = await admin.patch(`/api/v1/cases/${c.caseNo}`, { status: 'in_progress' });
      assert.equal(reopened.body.status, 'in_progress');
      assert.equal(reopened.body.closedAt, null);
      const history = await admin.get(`/api/v1/cases/${c.caseNo}/history`);
      assert.deepEqual(history.body.items.map((h: { type: string }) => h.type),
        ['opened', 'closed', 'reopened']);
    });

    it('transfers a case to another department with a history entry', async () => {
      const { admin } = await signUpAccount(t.app);
      const billing = await addDepartment(admin, 'Billing');
      const c = await openCase(admin);
      const moved = await admin.patch(`/api/v1/cases/${c.caseNo}`, { departmentId: billing.id });
      assert.equal(moved.body.department.name, 'Billing');
      const history = await admin.get(`/api/v1/cases/${c.caseNo}/history`);
      const entry = history.body.items.find((h: { type: string }) => h.type === 'transferred');
      assert.deepEqual(entry.details, { from: 'General', to: 'Billing' });
    });

    it('lists the desk newest activity first and pages with a cursor', async () => {
      const { admin } = await signUpAccount(t.app);
      for (let i = 0; i < 5; i++) await openCase(admin, { subject: `Case ${i}` });
      await admin.post('/api/v1/cases/2/messages', { body: 'bump', visibility: 'private' });
      const first = await admin.get('/api/v1/cases?limit=2');
      assert.deepEqual(first.body.items.map((c: { caseNo: number }) => c.caseNo), [2, 5]);
      const second = await admin.get(`/api/v1/cases?limit=2&cursor=${first.body.nextCursor}`);
      assert.deepEqual(second.body.items.map((c: { caseNo: number }) => c.caseNo), [4, 3]);
      const third = await admin.get(`/api/v1/cases?limit=2&cursor=${second.body.nextCursor}`);
      assert.deepEqual(third.body.items.map((c: { caseNo: number }) => c.caseNo), [1]);
      assert.equal(third.body.nextCursor, null);
      assert.equal((await admin.get('/api/v1/cases?cursor=garbage')).status, 400);
      assert.equal((await admin.get('/api/v1/cases?limit=500')).status, 400);
    });

    it('finds a case by the phone number typed another way, by e-mail in capitals and by words',
      async () => {
        const { admin } = await signUpAccount(t.app);
        const c = await openCase(admin, { subject: 'Refund for broken kettle' });
        await openCase(admin, { customer: { name: 'Other', phones: ['+1 646 555 0100'] } });
        for (const phone of ['212.555.0161', '+12125550161', '(212) 555-0161']) {
          const res = await admin.get(`/api/v1/cases?phone=${encodeURIComponent(phone)}`);
          assert.deepEqual(res.body.items.map((s: { caseNo: number }) => s.caseNo), [c.caseNo]);
        }
        const byEmail = await admin.get('/api/v1/cases?email=CARLA@EXAMPLE.COM');
        assert.equal(byEmail.body.items.length, 1);
        const byCustomer = await admin.get(`/api/v1/cases?customerNo=${c.customer.customerNo}`);
        assert.equal(byCustomer.body.items[0].caseNo, c.caseNo);
        const byWords = await admin.get('/api/v1/cases?q=kettle%20refun');
        assert.deepEqual(byWords.body.items.map((s: { caseNo: number }) => s.caseNo), [c.caseNo]);
        const byBody = await admin.get('/api/v1/cases?q=router');
        assert.ok(byBody.body.items.some((s: { caseNo: number }) => s.caseNo === c.caseNo));
      });

    it('supervisor redacts a message, leaving a history entry', async () => {
      const { admin } = await signUpAccount(t.app);
      const c = await openCase(admin);
      const added = await admin.post(`/api/v1/cases/${c.caseNo}/messages`, {
        body: 'password: hunter2hunter2', visibility: 'private',
      });
      const id = added.body.message.id;
      const res = await admin.post(`/api/v1/cases/${c.caseNo}/messages/${id}/redact`);
      assert.equal(res.status, 200);
      assert.equal(res.body.redacted, true);
      assert.ok(!res.body.body.includes('hunter2'));
      const read = await admin.get(`/api/v1/cases/${c.caseNo}`);
      assert.ok(!JSON.stringify(read.body).includes('hunter2'));
      const history = await admin.get(`/api/v1/cases/${c.caseNo}/history`);
      const entry = history.body.items.find((h: { type: string }) => h.type === 'message_redacted');
      assert.deepEqual(entry.details, { messageId: id, visibility: 'private' });
      const search = await admin.get('/api/v1/cases?q=hunter2hunter2');
      assert.equal(search.body.items.length, 0, 'the redacted words are gone from search too');
    });

    it('refuses redaction by an agent with 403', async () => {
      const { admin, account, user } = await signUpAccount(t.app);
      const agent = await addStaffMember(admin, account, { departmentId: user.department.id });
      const c = await openCase(agent.client);
      const id = c.messages[0].id;
      const res = await agent.client.post(`/api/v1/cases/${c.caseNo}/messages/${id}/redact`);
      assert.equal(res.status, 403);
    });

    it('serves the case as a PDF', async () => {
      const { admin } = await signUpAccount(t.app);
      const c = await openCase(admin);
      const res = await admin.get(`/api/v1/cases/${c.caseNo}/pdf`);
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.equal(res.raw.subarray(0, 5).toString(), '%PDF-');
    });
  });
}
