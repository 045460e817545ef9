/**
 * "Answers fast even when the database is busy": while another connection holds
 * the database's write lock (a CLI import on SQLite, a long transaction on
 * PostgreSQL), the webhook still answers the PBX at once, blocked numbers are
 * still turned away, and the events land, in the right final state, as soon as
 * the lock is released. Without the fail-fast write, SQLite would stall the whole
 * process for its 5-second busy timeout and PostgreSQL would hold the answer.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  Client, DIALECTS, ctiHookOf, signUpAccount, startTestApp, unique, type SignedUp,
  type TestApp,
} from './support/app.js';

/** The answer must come well inside what a PBX waits, and far below the lock's hold. */
const ANSWER_MS = 1_000;
const HOLD_MS = 2_000;

interface Holder { release(): Promise<void> }

/** Takes the database's write lock from another connection, as another process would. */
async function holdWriteLock(t: TestApp): Promise<Holder> {
  const url = t.config.databaseUrl;
  if (url.startsWith('sqlite:')) {
    const other = new SQLite(url.slice('sqlite:'.length));
    other.exec('begin immediate');
    return { async release() { other.exec('rollback'); other.close(); } };
  }
  const other = new pg.Client({ connectionString: url });
  await other.connect();
  await other.query('begin');
  await other.query('lock table calls in exclusive mode');
  return { async release() { await other.query('rollback'); await other.end(); } };
}

for (const dialect of DIALECTS) {
  describe(`CTI webhook while the database is busy (${dialect})`, () => {
    let t: TestApp;
    let signed: SignedUp;
    let hook: string;

    before(async () => {
      t = await startTestApp(dialect);
      signed = await signUpAccount(t.app);
      hook = await ctiHookOf(signed.admin);
      await signed.admin.post('/api/v1/telephony/blocked', { number: '+1 212 555 0666' });
    });
    after(async () => { await t.close(); });

    const post = async (body: Record<string, unknown>) => {
      const started = performance.now();
      const res = await new Client(t.app).post(hook, body);
      return { ...res, ms: performance.now() - started };
    };

    it('answers at once, and writes the events when the lock is gone', async () => {
      const id = unique('busy-');
      const holder = await holdWriteLock(t);
      let released = false;
      const release = async () => { if (!released) { released = true; await holder.release(); } };
      try {
        const ring = await post({ event: 'newCall', direction: 'in', from: '+12125550100',
          callId: id });
        const blocked = await post({ event: 'newCall', direction: 'in', from: '2125550666',
          callId: unique('busy-blocked-') });
        const hangup = await post({ event: 'hangup', direction: 'in', callId: id,
          cause: 'cancel' });
        for (const res of [ring, blocked, hangup]) {
          assert.equal(res.status, 200, res.raw.toString());
          assert.ok(res.ms < ANSWER_MS, `answered in ${res.ms.toFixed(0)} ms`);
        }
        assert.deepEqual(blocked.body, { action: 'reject', reason: 'busy' });
        // Reads go on while the lock is held: the call is not there yet.
        assert.equal((await signed.admin.get(`/api/v1/calls/${id}`)).status, 404);
        setTimeout(() => { void release(); }, HOLD_MS).unref();

        const deadline = Date.now() + HOLD_MS + 10_000;
        let call = await signed.admin.get(`/api/v1/calls/${id}`);
        while (call.body.state !== 'ended' && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 50));
          call = await signed.admin.get(`/api/v1/calls/${id}`);
        }
        assert.ok(released, 'nothing was written while the lock was held');
        assert.equal(call.status, 200);
        assert.deepEqual([call.body.state, call.body.cause, call.body.missed],
          ['ended', 'cancel', true]);
      } finally {
        await release();
      }
    });

    it('writes each call\'s events in the order they came, whatever the lock does', async () => {
      await signed.admin.post('/api/v1/customers', { name: 'Olga Order',
        phones: ['+1 212 555 0147'] });
      const ids = [0, 1, 2, 3, 4, 5].map(() => unique('order-'));
      const holder = await holdWriteLock(t);
      try {
        // Each call rings, is answered and hung up, a little apart, all while the lock is held.
        await Promise.all(ids.map(async (id, i) => {
          const gap = () => new Promise((r) => setTimeout(r, 40 * i));
          await post({ event: 'newCall', direction: 'in', from: '+12125550147', to: '100',
            callId: id });
          await gap();
          await post({ event: 'answer', callId: id, answeringNumber: '201' });
          await gap();
          await post({ event: 'hangup', callId: id, cause: 'normalClearing' });
        }));
      } finally {
        await holder.release();
      }
      for (const id of ids) {
        let call = await signed.admin.get(`/api/v1/calls/${id}`);
        for (let i = 0; i < 200 && call.body.state !== 'ended'; i++) {
          await new Promise((r) => setTimeout(r, 50));
          call = await signed.admin.get(`/api/v1/calls/${id}`);
        }
        const c = call.body;
        assert.deepEqual([c.state, c.from, c.answeredBy, c.cause, c.missed],
          ['ended', '+12125550147', '201', 'normalClearing', false], id);
        assert.deepEqual(c.matches.map((m: { customer: { name: string } }) => m.customer.name),
          ['Olga Order']);
        assert.ok(c.startedAt <= c.answeredAt && c.answeredAt <= c.endedAt, JSON.stringify(c));
      }
    });

    if (dialect === 'sqlite') {
      it('lets staff writes wait for the lock without stopping the server', async () => {
        const holder = await holdWriteLock(t);
        let released = false;
        try {
          // A write waits for the lock: while it does, the webhook still answers at once.
          const write = signed.admin.post('/api/v1/departments', { name: unique('Waiting ') });
          await new Promise((r) => setTimeout(r, 100));
          const ring = await post({ event: 'newCall', direction: 'in', from: '+12125550100',
            callId: unique('beside-') });
          assert.ok(ring.ms < ANSWER_MS, `the webhook answered in ${ring.ms.toFixed(0)} ms`);
          const health = performance.now();
          assert.equal((await new Client(t.app).get('/healthz')).status, 200);
          assert.ok(performance.now() - health < ANSWER_MS, 'reads go on meanwhile');
          setTimeout(() => { released = true; void holder.release(); }, 1_000).unref();
          const written = await write;
          assert.equal(written.status, 201, 'the write landed once the lock was gone');
          assert.ok(released);
        } finally {
          if (!released) await holder.release();
        }
      });

      it('answers a write 503 when the lock outlasts its wait, and writes nothing', async () => {
        const holder = await holdWriteLock(t);
        try {
          const name = unique('Never ');
          const res = await signed.admin.post('/api/v1/departments', { name });
          assert.equal(res.status, 503);
          assert.equal(res.body.error.code, 'busy');
          assert.ok(res.headers['retry-after']);
          const names = (await signed.admin.get('/api/v1/departments')).body.items
            .map((d: { name: string }) => d.name);
          assert.ok(!names.includes(name));
        } finally {
          await holder.release();
        }
      });
    }
  });
}
