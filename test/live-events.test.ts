/**
 * Live events over real HTTP: a member hears calls and their own desk's case
 * changes, never a supervisor message they may not read, never another
 * account's; a reconnect with Last-Event-ID catches up; and on PostgreSQL a
 * call posted to one server process reaches a client of another.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../src/http/app.js';
import { openStore } from '../src/storage/database.js';
import {
  DIALECTS, addDepartment, addStaffMember, ctiHookOf, listenLocally, openCase, signUpAccount,
  startTestApp, type SignedUp, type TestApp,
} from './support/app.js';
import { openSse, type SseEvent, type SseStream } from './support/sse.js';

const quiet = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const dialect of DIALECTS) {
  describe(`live events (${dialect})`, () => {
    let t: TestApp;
    let base: string;
    let signed: SignedUp;
    let agent: Awaited<ReturnType<typeof addStaffMember>>;
    let hook: string;
    const streams: SseStream[] = [];

    before(async () => {
      t = await startTestApp(dialect);
      base = await listenLocally(t);
      signed = await signUpAccount(t.app);
      agent = await addStaffMember(signed.admin, signed.account,
        { departmentId: signed.user.department.id });
      hook = await ctiHookOf(signed.admin);
    });
    after(async () => {
      for (const s of streams) s.close();
      await t.close();
    });

    const listen = async (cookie: string | undefined, extra: Record<string, string> = {},
      url = `${base}/api/v1/events`) => {
      const s = await openSse(url, { cookie: cookie ?? '', ...extra });
      streams.push(s);
      return s;
    };

    it('tells a member of a message on their desk, and not of a supervisor note', async () => {
      const stream = await listen(agent.client.cookie);
      const c = await openCase(signed.admin);
      await stream.waitFor((e) => e.event === 'case' && e.data.caseNo === c.caseNo
        && e.data.change === 'created');
      await signed.admin.post(`/api/v1/cases/${c.caseNo}/messages`,
        { body: 'Supervisor only', visibility: 'supervisor' });
      await signed.admin.post(`/api/v1/cases/${c.caseNo}/messages`,
        { body: 'Private note', visibility: 'private' });
      await stream.waitFor((e) => e.event === 'case' && e.data.change === 'message');
      await quiet(300);
      const messages = stream.events.filter((e) => e.event === 'case'
        && e.data.caseNo === c.caseNo && e.data.change === 'message');
      assert.equal(messages.length, 1, 'only the private message is heard of');
      assert.deepEqual(Object.keys(messages[0]!.data).sort(), ['caseNo', 'change']);
      assert.ok(!JSON.stringify(stream.events).includes('Supervisor only'));
    });

    it('tells a supervisor of every level and every department', async () => {
      const sales = await addDepartment(signed.admin, `Sales ${dialect}`);
      const seller = await addStaffMember(signed.admin, signed.account,
        { departmentId: sales.id });
      const supervisorStream = await listen(signed.admin.cookie);
      const agentStream = await listen(agent.client.cookie);
      const c = await openCase(seller.client);
      await signed.admin.post(`/api/v1/cases/${c.caseNo}/messages`,
        { body: 'x', visibility: 'supervisor' });
      await supervisorStream.waitFor((e) => e.event === 'case' && e.data.caseNo === c.caseNo
        && e.data.change === 'message');
      await quiet(300);
      assert.ok(!agentStream.events.some((e) => e.data?.caseNo === c.caseNo),
        'another department\'s case stays unheard of');
      const named = await listen(agent.client.cookie, {},
        `${base}/api/v1/events?cases=${c.caseNo}`);
      await seller.client.post(`/api/v1/cases/${c.caseNo}/messages`,
        { body: 'y', visibility: 'public' });
      await named.waitFor((e) => e.event === 'case' && e.data.caseNo === c.caseNo);
    });

    it('pops a call on every member of the account and on no other account', async () => {
      const other = await signUpAccount(t.app);
      const mine = await listen(agent.client.cookie);
      const theirs = await listen(other.admin.cookie);
      await openCase(signed.admin, { customer: { name: 'Ringing Rita',
        phones: ['+1 212 555 0177'] } });
      const res = await fetch(`${base}${hook}`, { method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ event: 'newCall', callId: `live-${dialect}`, from: '2125550177',
          direction: 'in' }) });
      assert.equal(res.status, 200);
      const pop: SseEvent = await mine.waitFor((e) => e.event === 'call'
        && e.data.callId === `live-${dialect}`);
      assert.equal(pop.data.matches[0].customer.name, 'Ringing Rita');
      await quiet(300);
      assert.ok(!theirs.events.some((e) => e.event === 'call'));
    });

    it('catches a reconnecting client up from Last-Event-ID', async () => {
      const first = await listen(agent.client.cookie);
      const c = await openCase(agent.client);
      const seen = await first.waitFor((e) => e.data?.caseNo === c.caseNo);
      first.close();
      await agent.client.post(`/api/v1/cases/${c.caseNo}/messages`,
        { body: 'while away', visibility: 'public' });
      const again = await listen(agent.client.cookie, { 'last-event-id': String(seen.id) });
      const missed = await again.waitFor((e) => e.data?.caseNo === c.caseNo
        && e.data.change === 'message');
      assert.ok(Number(missed.id) > Number(seen.id));
    });

    it('ends a member\'s stream at once when their rights change', async () => {
      const member = await addStaffMember(signed.admin, signed.account,
        { departmentId: signed.user.department.id, supervisor: true });
      const stream = await listen(member.client.cookie);
      await signed.admin.patch(`/api/v1/staff/${member.staff.id}`, { supervisor: false });
      await Promise.race([stream.ended, quiet(3000).then(() => {
        throw new Error('the stream outlived the change of rights');
      })]);
      const again = await listen(member.client.cookie);
      const c = await openCase(signed.admin);
      await signed.admin.post(`/api/v1/cases/${c.caseNo}/messages`,
        { body: 'x', visibility: 'supervisor' });
      await again.waitFor((e) => e.data?.caseNo === c.caseNo && e.data.change === 'created');
      await quiet(300);
      assert.ok(!again.events.some((e) => e.data?.caseNo === c.caseNo
        && e.data.change === 'message'), 'no supervisor-level news after the demotion');
    });

    it('refuses a stream without a sign-in', async () => {
      await assert.rejects(openSse(`${base}/api/v1/events`, {}), /401/);
    });

    if (dialect === 'postgres') {
      it('delivers a call posted to one server process to a client of another', async () => {
        const store2 = openStore(t.config.databaseUrl);
        const app2 = await buildApp({ config: t.config, store: store2, logger: false });
        await app2.listen({ host: '127.0.0.1', port: 0 });
        try {
          const address = app2.server.address();
          const base2 = `http://127.0.0.1:${typeof address === 'object' && address
            ? address.port : 0}`;
          const onOther = await listen(agent.client.cookie, {}, `${base2}/api/v1/events`);
          await fetch(`${base}${hook}`, { method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ event: 'newCall', callId: 'cross-process', from: '+4420' }) });
          await onOther.waitFor((e) => e.event === 'call' && e.data.callId === 'cross-process',
            3000);
        } finally {
          await app2.close();
          await store2.close();
        }
      });
    }
  });
}
