/**
 * Malformed requests to every endpoint get a 4xx in the error shape of API.md,
 * never a 5xx, and leave nothing written.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Client, openCase, signUpAccount, startTestApp, type TestApp } from './support/app.js';

const GARBAGE: unknown[] = [
  null, 42, 'text', [], [1, 2], true, {}, { '__proto__': { admin: true } },
  { name: 12 }, { name: null }, { subject: ['a'] }, { body: { nested: 1 } },
  { visibility: 'secret', body: 'x' }, { status: 'open' }, { departmentId: 'one' },
  { departmentId: -1 }, { departmentId: 1.5 }, { customerNo: 2 ** 40 },
  { phones: 'not a list' }, { phones: [null] }, { emails: ['not-an-email'] },
  { message: 'not an object' }, { password: 'x'.repeat(5000) }, { name: '\u0000' },
  { name: 'x'.repeat(100_000) }, { unknownField: 1 },
];

const RAW_BODIES = ['{', '{"a":', 'null', '[', '"\\ud800"', '{"name": "\\u0000"}'];

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe(`bad input (${dialect})`, () => {
    let t: TestApp;
    let admin: Client;
    let caseNo: number;
    let redactableId: number;

    before(async () => {
      t = await startTestApp(dialect);
      ({ admin } = await signUpAccount(t.app));
      const c = await openCase(admin);
      caseNo = c.caseNo;
      const extra = await admin.post(`/api/v1/cases/${caseNo}/messages`,
        { body: 'to be redacted by a request with a body it ignores', visibility: 'private' });
      redactableId = extra.body.message.id;
    });
    after(async () => { await t.close(); });

    const writes = (): Array<[string, string]> => [
      ['POST', '/api/v1/signup'], ['POST', '/api/v1/auth/login'], ['POST', '/api/v1/tokens'],
      ['POST', '/api/v1/departments'], ['PATCH', '/api/v1/departments/1'],
      ['POST', '/api/v1/staff'], ['PATCH', '/api/v1/staff/1'], ['PATCH', '/api/v1/account'],
      ['POST', '/api/v1/customers'], ['PATCH', '/api/v1/customers/1'],
      ['POST', '/api/v1/cases'], ['PATCH', `/api/v1/cases/${caseNo}`],
      ['POST', `/api/v1/cases/${caseNo}/messages`],
      ['POST', `/api/v1/cases/${caseNo}/messages/${redactableId}/redact`],
      ['DELETE', `/api/v1/cases/${caseNo}/pairings/1`], ['POST', '/api/v1/outbox/1/retry'],
      ['POST', '/api/v1/portal/pair'], ['POST', '/api/v1/portal/login'],
      ['POST', '/api/v1/portal/session'], ['POST', `/api/v1/portal/cases/${caseNo}/messages`],
      ['POST', '/api/v1/portal/logout'], ['POST', '/api/v1/mail/inbound/x'],
    ];

    it('answers garbage JSON bodies on every write endpoint with a 4xx error', async () => {
      for (const [method, url] of writes()) {
        for (const body of GARBAGE) {
          const res = await admin.send(method, url, JSON.stringify(body));
          assert.ok(res.status >= 200 && res.status < 500,
            `${method} ${url} ${JSON.stringify(body).slice(0, 60)} → ${res.status}`);
          if (res.status >= 400) assert.equal(typeof res.body.error?.code, 'string');
        }
        for (const raw of RAW_BODIES) {
          const res = await admin.send(method, url, raw);
          assert.ok(res.status < 500, `${method} ${url} ${raw} → ${res.status}`);
        }
        const form = await admin.send(method, url, 'a=b',
          { 'content-type': 'application/x-www-form-urlencoded' });
        assert.ok(form.status >= 400 && form.status < 500, `${method} ${url} form`);
      }
    });

    it('answers bad path and query values with 400 or 404, never 5xx', async () => {
      const urls = [
        '/api/v1/cases/0', '/api/v1/cases/-1', '/api/v1/cases/1.5', '/api/v1/cases/%00',
        '/api/v1/cases/1e3', '/api/v1/cases/９', '/api/v1/customers/abc',
        '/api/v1/cases?status=open', '/api/v1/cases?limit=0', '/api/v1/cases?limit=abc',
        '/api/v1/cases?caseNo=x', '/api/v1/cases?phone=', '/api/v1/cases?phone=abc',
        '/api/v1/cases?phone=1&phone=2', '/api/v1/cases?q=%22%2A%28OR%29NEAR', '/api/v1/cases?q=',
        '/api/v1/cases?q=a%20AND%20NOT', '/api/v1/cases?department=sales',
        `/api/v1/cases?cursor=${'A'.repeat(150)}`, '/api/v1/customers?email=%E0%A4%A',
        '/api/v1/customers?q=%25_%5C', `/api/v1/cases/${caseNo}/pdf?x=1`,
        '/api/v1/outbox?cursor=abc', '/api/v1/outbox?limit=0', '/api/v1/mail/triage?limit=x',
        `/api/v1/cases/${caseNo}/pairings`, '/api/v1/cases/0/pairings',
        '/api/v1/portal/cases', '/api/v1/portal/cases/abc', '/api/v1/portal/cases/1',
      ];
      for (const url of urls) {
        const res = await admin.get(url);
        assert.ok(res.status < 500, `${url} → ${res.status} ${res.raw}`);
      }
    });

    it('reads ids and limits as plain digits only, naming the field', async () => {
      for (const spelled of ['0x1', '1e0', '+1', ' 1', '01.0']) {
        const res = await admin.get(`/api/v1/cases/${encodeURIComponent(spelled)}`);
        assert.equal(res.status, 400, `${spelled} → ${res.status}`);
        assert.ok(res.body.error.fields.caseNo, spelled);
      }
      assert.equal((await admin.get(`/api/v1/cases/${caseNo}`)).status, 200);
      const limit = await admin.get('/api/v1/cases?limit=0x10');
      assert.equal(limit.status, 400);
      assert.ok(limit.body.error.fields.limit);
    });

    it('finds nothing for a search made only of punctuation', async () => {
      const res = await admin.get(`/api/v1/cases?q=${encodeURIComponent('!!! ???')}`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.items, []);
    });

    it('left the case as it was', async () => {
      const c = await admin.get(`/api/v1/cases/${caseNo}`);
      assert.equal(c.body.messages.length, 2, 'no garbage became a message');
      assert.equal(c.body.status, 'in_progress');
      assert.equal(c.body.subject, 'Router keeps dropping the line');
      assert.equal(c.body.messages[0].redacted, false);
    });
  });
}
