import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { Client, signUpAccount, startTestApp, type TestApp } from '../../test/support/app.js';

describe('security headers', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp('sqlite'); });
  after(async () => { await t.close(); });

  it('forbid framing, sniffing and referrers on answers, refusals and errors alike', async () => {
    const c = new Client(t.app);
    const answers = [await c.get('/healthz'), await c.get('/api/v1/me'),
      await c.get('/api/v1/nothing-here'), await c.post('/api/v1/auth/login', '{bad json'),
      await c.get('/api/v1/openapi.json'), await c.get('/api/v1/cases/%E0%A4%A')];
    assert.deepEqual(answers.map((r) => r.status), [200, 401, 404, 400, 200, 400]);
    for (const res of answers) {
      assert.equal(res.headers['x-frame-options'], 'DENY');
      assert.equal(res.headers['content-security-policy'], "frame-ancestors 'none'");
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['referrer-policy'], 'same-origin');
    }
    assert.equal(answers[1]!.headers['cache-control'], 'no-store', 'API answers are not cached');
  });

  it('are on the live event stream too, which writes its own head', async () => {
    const signed = await signUpAccount(t.app);
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const headers = await new Promise<http.IncomingHttpHeaders>((done, fail) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/api/v1/events',
        headers: { cookie: signed.admin.cookie ?? '', accept: 'text/event-stream' } }, (res) => {
        done(res.headers);
        req.destroy();
      });
      req.on('error', (err) => { if (!req.destroyed) fail(err); });
      req.setTimeout(5_000, () => req.destroy(new Error('no answer')));
    });
    assert.equal(headers['content-type'], 'text/event-stream; charset=utf-8');
    assert.equal(headers['x-frame-options'], 'DENY');
    assert.equal(headers['x-content-type-options'], 'nosniff');
  });
});
