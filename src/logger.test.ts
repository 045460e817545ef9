import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { DIALECTS, Client, startTestApp } from '../test/support/app.js';
import { buildApp } from './http/app.js';
import { createLogger, redactUrl } from './logger.js';

describe('logs', () => {
  it('cut secrets out of URLs', () => {
    assert.equal(redactUrl('/api/v1/cti/abc123?x=1'), '/api/v1/cti/[redacted]?x=1');
    assert.equal(redactUrl('/api/v1/mail/inbound/s3cret'), '/api/v1/mail/inbound/[redacted]');
    assert.equal(redactUrl('/portal/pair?token=abc&next=1'),
      '/portal/pair?token=[redacted]&next=1');
    assert.equal(redactUrl('/api/v1/cases/12'), '/api/v1/cases/12');
  });

  it('never write a webhook token, cookie or password of a real request', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const t = await startTestApp(DIALECTS[0]!);
    const app = await buildApp({ config: t.config, store: t.store,
      logger: createLogger('info', sink) });
    try {
      const client = new Client(app);
      await client.post('/api/v1/cti/secret-token-value', { event: 'newCall', callId: 'x' });
      await client.post('/api/v1/auth/login',
        { account: 'nope', email: 'a@b.test', password: 'secret-password-value' });
      await app.inject({ method: 'GET', url: '/portal/pair?token=secret-link-value',
        headers: { cookie: 'caseline_session=secret-cookie-value' } });
    } finally {
      await app.close();
      await t.close();
    }
    const log = lines.join('');
    assert.match(log, /incoming request/);
    for (const secret of ['secret-token-value', 'secret-password-value', 'secret-link-value',
      'secret-cookie-value']) {
      assert.ok(!log.includes(secret), `${secret} reached the log`);
    }
  });
});
