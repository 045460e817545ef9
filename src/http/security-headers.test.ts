import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Client, startTestApp, type TestApp } from '../../test/support/app.js';

describe('security headers', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp('sqlite'); });
  after(async () => { await t.close(); });

  it('forbid framing, sniffing and referrers on answers, refusals and errors alike', async () => {
    const c = new Client(t.app);
    const answers = [await c.get('/healthz'), await c.get('/api/v1/me'),
      await c.get('/api/v1/nothing-here'), await c.post('/api/v1/auth/login', '{bad json'),
      await c.get('/api/v1/openapi.json')];
    assert.deepEqual(answers.map((r) => r.status), [200, 401, 404, 400, 200]);
    for (const res of answers) {
      assert.equal(res.headers['x-frame-options'], 'DENY');
      assert.equal(res.headers['content-security-policy'], "frame-ancestors 'none'");
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['referrer-policy'], 'same-origin');
    }
  });
});
