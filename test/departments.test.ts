/**
 * Department names are unique in an account regardless of case, also when two
 * admins add or rename at the same moment; other accounts may use any name.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  DIALECTS, addDepartment, signUpAccount, startTestApp, type SignedUp, type TestApp,
} from './support/app.js';

for (const dialect of DIALECTS) {
  describe(`department names (${dialect})`, () => {
    let t: TestApp;
    let signed: SignedUp;
    before(async () => {
      t = await startTestApp(dialect);
      signed = await signUpAccount(t.app);
    });
    after(async () => { await t.close(); });

    it('refuses a name that differs only in case, adding or renaming', async () => {
      await addDepartment(signed.admin, 'Billing');
      const dup = await signed.admin.post('/api/v1/departments', { name: 'BILLING' });
      assert.equal(dup.status, 409);
      assert.ok(dup.body.error.fields.name);
      const returns = await addDepartment(signed.admin, 'Returns');
      const rename = await signed.admin.patch(`/api/v1/departments/${returns.id}`,
        { name: 'billing' });
      assert.equal(rename.status, 409);
      const ownCase = await signed.admin.patch(`/api/v1/departments/${returns.id}`,
        { name: 'RETURNS' });
      assert.equal(ownCase.status, 200, 'a department may change the case of its own name');
      const other = await signUpAccount(t.app);
      assert.equal((await other.admin.post('/api/v1/departments', { name: 'billing' })).status,
        201);
    });

    it('lets one of two parallel adds of one name in different case win', async () => {
      const results = await Promise.all(['Field Team', 'field team', 'FIELD TEAM']
        .map((name) => signed.admin.post('/api/v1/departments', { name })));
      assert.deepEqual(results.map((r) => r.status).sort(), [201, 409, 409]);
      const names = (await signed.admin.get('/api/v1/departments')).body.items
        .map((d: { name: string }) => d.name.toLowerCase());
      assert.equal(names.filter((n: string) => n === 'field team').length, 1);
    });
  });
}
