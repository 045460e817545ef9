import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Client, startTestApp, type TestApp } from '../../../test/support/app.js';

describe('health and API description', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp('sqlite'); });
  after(async () => { await t.close(); });

  it('answers /healthz and /readyz with 200 while the database answers', async () => {
    const c = new Client(t.app);
    assert.equal((await c.get('/healthz')).status, 200);
    assert.equal((await c.get('/readyz')).status, 200);
  });

  it('serves OpenAPI 3 naming the fixed paths, without a sign-in', async () => {
    const res = await new Client(t.app).get('/api/v1/openapi.json');
    assert.equal(res.status, 200);
    assert.match(res.body.openapi, /^3\./);
    for (const path of ['/api/v1/signup', '/api/v1/auth/login', '/api/v1/cases/{caseNo}',
      '/api/v1/cases/{caseNo}/messages', '/api/v1/customers', '/api/v1/staff']) {
      assert.ok(res.body.paths[path], `${path} is described`);
    }
    const docs = await new Client(t.app).get('/api/docs');
    assert.ok([200, 302].includes(docs.status));
  });

  it('answers an unknown API path with 404 in the error shape', async () => {
    const res = await new Client(t.app).get('/api/v1/nothing-here');
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, 'not_found');
  });
});

describe('readiness without a database', () => {
  it('answers /readyz with 503 when the database is gone', async () => {
    const t = await startTestApp('sqlite');
    try {
      await t.store.close();
      const res = await new Client(t.app).get('/readyz');
      assert.equal(res.status, 503);
    } finally {
      await t.app.close();
    }
  });
});
