/**
 * Requests refused before any route runs — a URL that does not decode, an over-long
 * path part, a bad Content-Length, headers too large — still answer in API.md's
 * error shape, over a real socket where Node's parser is the one refusing.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startTestApp, type TestApp } from '../../test/support/app.js';

/** Sends raw bytes and reads until the server closes (bounded by a timer). */
function raw(port: number, request: string): Promise<string> {
  return new Promise((done) => {
    let answer = '';
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    const timer = setTimeout(() => socket.destroy(), 5_000);
    socket.on('data', (chunk) => { answer += chunk.toString('utf8'); });
    socket.on('close', () => { clearTimeout(timer); done(answer); });
    socket.on('error', () => undefined);
  });
}

function errorOf(answer: string): { status: number; code: string } {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
  const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
  return { status, code: body.error.code };
}

describe('refusals before routing', () => {
  let t: TestApp;
  let port: number;
  before(async () => {
    t = await startTestApp('sqlite');
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  after(async () => { await t.close(); });

  it('answers a URL that does not decode and an over-long id in the error shape', async () => {
    for (const [url, status, code] of [['/api/v1/cases/%E0%A4%A', 400, 'validation_failed'],
      [`/api/v1/cases/${'9'.repeat(600)}`, 414, 'uri_too_long']] as const) {
      const res = await t.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, status, url);
      assert.equal(res.json().error.code, code);
      assert.equal(typeof res.json().error.message, 'string');
    }
  });

  it('answers what the HTTP parser refuses in the error shape too', async () => {
    const badLength = await raw(port, 'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\n'
      + 'Content-Length: abc\r\n\r\n');
    assert.deepEqual(errorOf(badLength), { status: 400, code: 'validation_failed' });
    const bigHeaders = await raw(port, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: ${
      'a'.repeat(70_000)}\r\n\r\n`);
    assert.deepEqual(errorOf(bigHeaders), { status: 431, code: 'headers_too_large' });
  });
});

describe('compressed request bodies', () => {
  let t: TestApp;
  before(async () => { t = await startTestApp('sqlite'); });
  after(async () => { await t.close(); });

  it('are refused with 415 before they are read', async () => {
    const { gzipSync } = await import('node:zlib');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: gzipSync(JSON.stringify({ account: 'a', email: 'a@b.c', password: 'x' })) });
    assert.equal(res.statusCode, 415);
    assert.equal(res.json().error.code, 'unsupported_media_type');
    const plain = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json', 'content-encoding': 'identity' },
      payload: JSON.stringify({ account: 'nobody', email: 'a@b.c', password: 'x' }) });
    assert.equal(plain.statusCode, 401);
  });
});
