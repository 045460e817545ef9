import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS, openCase, signUpAccount, startTestApp, type TestApp } from './support/app.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

for (const dialect of DIALECTS) {
  describe(`case numbers under concurrency (${dialect})`, () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(dialect); });
    after(async () => { await t.close(); });

    it('gives 50 cases opened at once the numbers 1–50, no duplicate, no gap', async () => {
      const { admin } = await signUpAccount(t.app);
      const other = await signUpAccount(t.app);
      const opened = await Promise.all([
        ...range(50).map((i) => openCase(admin, {
          subject: `Concurrent ${i}`,
          customer: {
            name: `Customer ${i}`, phones: [`+1 212 555 01${String(i).padStart(2, '0')}`],
          },
        })),
        // Another account opening at the same time has its own sequence.
        ...range(10).map(() => openCase(other.admin)),
      ]);
      const mine = opened.slice(0, 50);
      assert.deepEqual(mine.map((c) => c.caseNo).sort((a, b) => a - b), range(50));
      assert.deepEqual(mine.map((c) => c.customer.customerNo).sort((a, b) => a - b), range(50));
      assert.deepEqual(opened.slice(50).map((c) => c.caseNo).sort((a, b) => a - b), range(10));
    });

    it('leaves no gap when some of the concurrent requests fail', async () => {
      const { admin } = await signUpAccount(t.app);
      const results = await Promise.all(range(20).map((i) => admin.post('/api/v1/cases', {
        subject: `Mixed ${i}`,
        customer: { name: 'C', emails: ['c@example.com'] },
        // Every third request names a contact e-mail the customer does not have.
        contactEmail: i % 3 === 0 ? 'nope@example.com' : 'c@example.com',
        message: { body: 'hello', visibility: 'public' },
      })));
      const ok = results.filter((r) => r.status === 201);
      assert.equal(results.filter((r) => r.status === 400).length, 6);
      assert.deepEqual(ok.map((r) => r.body.caseNo).sort((a, b) => a - b), range(14));
    });
  });
}
