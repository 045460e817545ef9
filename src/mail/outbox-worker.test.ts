/**
 * The outbox worker against a real SMTP server on 127.0.0.1 and a real
 * database of each kind: each mail delivered once, across an outage, a worker
 * that died mid-send, and (PostgreSQL) two workers sharing one outbox.
 */
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { DIALECTS, signUpAccount, startTestApp, type TestApp } from '../../test/support/app.js';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/support/smtp.js';
import { claimDueMail, insertOutboxMail } from '../storage/outbox.js';
import { startOutboxWorker, type OutboxWorker } from './outbox-worker.js';

const silent = pino({ level: 'silent' });
let serial = 0;

for (const dialect of DIALECTS) {
  describe(`outbox worker (${dialect})`, () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    let accountId: number;
    const workers: OutboxWorker[] = [];

    before(async () => {
      t = await startTestApp(dialect);
      accountId = (await signUpAccount(t.app)).account.id;
    });
    afterEach(async () => {
      await Promise.all(workers.splice(0).map((w) => w.stop()));
      await smtp?.close();
      // Each test starts from an empty outbox, so one test's mail never reaches another's.
      await t.store.db.deleteFrom('outbox').execute();
    });
    after(async () => { await t.close(); });

    const worker = (o: { leaseMs?: number } = {}) => {
      const w = startOutboxWorker({
        store: t.store, logger: silent, retryBaseMs: 50, leaseMs: o.leaseMs ?? 60_000,
        mail: { ...t.config.mail, smtpUrl: smtp.url, pollMs: 50 },
      });
      workers.push(w);
      return w;
    };

    const queue = async (count: number, to = 'carla@example.com') => {
      const rows = [];
      for (let i = 0; i < count; i++) {
        rows.push(await insertOutboxMail(t.store.db, accountId, {
          caseId: null, kind: 'portal_login', recipient: to, subject: `Mail ${++serial}`,
          text: `Text ${serial}`, html: `<p>Text ${serial}</p>`,
          messageId: `m${serial}.${dialect}.${Date.now()}@caseline.test`, replyTo: null,
        }));
      }
      return rows;
    };

    const statusOf = async (ids: number[]) => (await t.store.db.selectFrom('outbox')
      .select(['id', 'status', 'attempts', 'last_error']).where('id', 'in', ids)
      .orderBy('id').execute());

    const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

    it('delivers each queued mail once, with its own Message-ID and Auto-Submitted', async () => {
      smtp = await startTestSmtpServer();
      const rows = await queue(3);
      worker().nudge();
      const mails = await smtp.waitFor(3);
      await settle(300);
      assert.equal(mails.length, 3, 'nothing is sent twice');
      assert.deepEqual(mails.map((m) => m.parsed.messageId).sort(),
        rows.map((r) => `<${r.message_id}>`).sort());
      for (const m of mails) {
        assert.equal(m.parsed.headers.get('auto-submitted'), 'auto-generated');
        assert.deepEqual(m.envelope.to, ['carla@example.com']);
      }
      assert.deepEqual((await statusOf(rows.map((r) => r.id))).map((r) => r.status),
        ['sent', 'sent', 'sent']);
    });

    it('keeps mail queued while SMTP refuses, then delivers each exactly once', async () => {
      smtp = await startTestSmtpServer();
      smtp.refuse = true;
      const rows = await queue(4);
      worker();
      const ids = rows.map((r) => r.id);
      for (let i = 0; i < 100; i++) {
        const states = await statusOf(ids);
        if (states.every((s) => s.attempts >= 2 && s.status === 'queued')) break;
        await settle(50);
      }
      // A worker may be holding one at this instant ("sending"); none is sent or failed.
      const during = await statusOf(ids);
      assert.ok(during.every((s) => (s.status === 'queued' || s.status === 'sending')
        && s.last_error !== null), JSON.stringify(during));
      assert.equal(smtp.received.length, 0);

      smtp.refuse = false;
      await smtp.waitFor(4);
      await settle(400);
      assert.equal(smtp.received.length, 4);
      assert.equal(new Set(smtp.received.map((m) => m.parsed.messageId)).size, 4);
      assert.ok((await statusOf(ids)).every((s) => s.status === 'sent'));
    });

    it('delivers mail queued before a restart once, from the new process\'s worker',
      async () => {
        smtp = await startTestSmtpServer();
        smtp.refuse = true;
        const rows = await queue(3);
        const first = worker();
        await settle(300);
        await first.stop();
        workers.splice(workers.indexOf(first), 1);
        assert.equal(smtp.received.length, 0);
        smtp.refuse = false;
        worker().nudge();
        await smtp.waitFor(3);
        await settle(300);
        assert.equal(smtp.received.length, 3);
        assert.ok((await statusOf(rows.map((r) => r.id))).every((r) => r.status === 'sent'));
      });

    it('sends a mail again, once, after the worker that held it died mid-send', async () => {
      smtp = await startTestSmtpServer();
      const [row] = await queue(1);
      // A worker claimed it and died before the SMTP server's final answer: nothing was
      // delivered and the row sits "sending" under a lease that runs out soon.
      const now = Date.now();
      const claimed = await claimDueMail(t.store.db, dialect, new Date(now).toISOString(),
        new Date(now + 400).toISOString());
      assert.equal(claimed?.id, row!.id);
      worker();
      await settle(200);
      assert.equal(smtp.received.length, 0, 'not taken over while the lease holds');
      await smtp.waitFor(1);
      await settle(300);
      assert.equal(smtp.received.length, 1);
      const [state] = await statusOf([row!.id]);
      assert.deepEqual([state!.status, state!.attempts], ['sent', 2]);
    });

    it('marks a mail refused for good as failed, and an admin retry queues it again', async () => {
      smtp = await startTestSmtpServer();
      smtp.unknownRecipients.add('nobody@example.com');
      const [row] = await queue(1, 'nobody@example.com');
      worker();
      for (let i = 0; i < 100 && (await statusOf([row!.id]))[0]!.status !== 'failed'; i++) {
        await settle(50);
      }
      const [state] = await statusOf([row!.id]);
      assert.equal(state!.status, 'failed');
      assert.match(state!.last_error ?? '', /550|No such mailbox/);
      assert.equal(state!.attempts, 1, 'a permanent refusal is not retried');
    });

    it('does not send a mail whose link expired while it waited', async () => {
      smtp = await startTestSmtpServer();
      const expired = await insertOutboxMail(t.store.db, accountId, {
        caseId: null, kind: 'portal_login', recipient: 'late@example.com', subject: 'Late',
        text: 'Link', html: '<p>Link</p>', replyTo: null,
        messageId: `late${++serial}.${dialect}@caseline.test`,
        expiresAt: new Date(Date.now() - 1_000).toISOString(),
      });
      const [fresh] = await queue(1, 'fresh@example.com');
      worker();
      for (let i = 0; i < 100 && (await statusOf([expired.id, fresh!.id]))
        .some((s) => s.status === 'queued' || s.status === 'sending'); i++) {
        await settle(50);
      }
      const [late, ok] = await statusOf([expired.id, fresh!.id]);
      assert.deepEqual([late!.status, ok!.status], ['failed', 'sent']);
      assert.match(late!.last_error ?? '', /expired/);
      assert.ok(!smtp.received.some((m) => m.envelope.to.includes('late@example.com')));
    });

    if (dialect === 'postgres') {
      it('never sends one row twice with two workers on one database', async () => {
        smtp = await startTestSmtpServer();
        await queue(30);
        worker();
        worker();
        await smtp.waitFor(30, 20_000);
        await settle(500);
        assert.equal(smtp.received.length, 30);
        assert.equal(new Set(smtp.received.map((m) => m.parsed.messageId)).size, 30);
      });
    }
  });
}
