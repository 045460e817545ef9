/**
 * The CTI webhook and caller matching, as a PBX drives them: both body kinds,
 * every event, repeated and early events, blocked and withheld numbers, and
 * one number written many ways.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, DIALECTS, addDepartment, addStaffMember, openCase, signUpAccount, startTestApp,
  type SignedUp, type TestApp,
} from './support/app.js';

let serial = 0;
const callId = () => `call-${process.pid}-${++serial}`;

for (const dialect of DIALECTS) {
  describe(`CTI webhook and caller matching (${dialect})`, () => {
    let t: TestApp;
    let signed: SignedUp;
    let hook: string;
    const pbx = () => new Client(t.app);

    before(async () => {
      t = await startTestApp(dialect);
      signed = await signUpAccount(t.app);
      const settings = await signed.admin.get('/api/v1/telephony');
      assert.equal(settings.status, 200);
      hook = `/api/v1/cti/${settings.body.token}`;
      assert.ok(settings.body.webhookUrl.endsWith(hook));
    });
    after(async () => { await t.close(); });

    const post = (body: Record<string, unknown>) => pbx().post(hook, body);
    const call = async (id: string) => (await signed.admin.get(`/api/v1/calls/${id}`)).body;

    it('follows a call from ring to hang-up and pops the caller\'s open cases', async () => {
      const c = await openCase(signed.admin, { customer: { name: 'Carla Caller',
        phones: ['+1 (212) 555-0161'] } });
      const id = callId();
      const ring = await post({ event: 'newCall', from: '2125550161', to: '+15550000',
        direction: 'in', callId: id, user: ['Alice', 'Bob'] });
      assert.deepEqual([ring.status, ring.body], [200, {}]);
      const ringing = await call(id);
      assert.equal(ringing.state, 'ringing');
      assert.equal(ringing.fromE164, '+12125550161');
      assert.deepEqual(ringing.users, ['Alice', 'Bob']);
      assert.equal(ringing.matches.length, 1);
      assert.equal(ringing.matches[0].customer.name, 'Carla Caller');
      assert.deepEqual(ringing.matches[0].openCases.map((s: { caseNo: number }) => s.caseNo),
        [c.caseNo]);
      const active = (await signed.admin.get('/api/v1/calls?state=active')).body.items;
      assert.ok(active.some((x: { callId: string }) => x.callId === id));

      await post({ event: 'answer', callId: id, direction: 'in', answeringNumber: 'alice' });
      assert.equal((await call(id)).state, 'answered');
      await post({ event: 'hangup', callId: id, direction: 'in', cause: 'normalClearing' });
      const ended = await call(id);
      assert.deepEqual([ended.state, ended.answeredBy, ended.cause, ended.missed],
        ['ended', 'alice', 'normalClearing', false]);
      const stillActive = (await signed.admin.get('/api/v1/calls?state=active')).body.items;
      assert.ok(!stillActive.some((x: { callId: string }) => x.callId === id));
    });

    it('takes form bodies with call_id and user[] as PBX bridges send them', async () => {
      const id = callId();
      const res = await pbx().send('POST', hook,
        `event=newCall&from=%2B12125550199&to=100&direction=in&call_id=${id}`
        + '&user%5B%5D=Alice&user%5B%5D=Bob',
        { 'content-type': 'application/x-www-form-urlencoded' });
      assert.equal(res.status, 200);
      const got = await call(id);
      assert.deepEqual([got.state, got.users], ['ringing', ['Alice', 'Bob']]);
    });

    it('answers 401 to an unknown token and 422 to an unknown event or direction', async () => {
      assert.equal((await pbx().post('/api/v1/cti/not-a-token',
        { event: 'newCall', callId: callId() })).status, 401);
      const event = await post({ event: 'transfer', callId: callId() });
      assert.equal(event.status, 422);
      assert.ok(event.body.error.fields.event);
      const direction = await post({ event: 'newCall', callId: callId(), direction: 'sideways' });
      assert.equal(direction.status, 422);
      assert.equal((await post({ event: 'newCall' })).status, 400, 'callId missing');
      for (const user of [[1, 2], { a: 1 }, 'x'.repeat(201), Array(51).fill('Ann')]) {
        const res = await post({ event: 'newCall', callId: callId(), user });
        assert.equal(res.status, 400, JSON.stringify(user).slice(0, 40));
        assert.ok(res.body.error.fields.user);
      }
      const bom = await pbx().send('POST', hook,
        `\uFEFF${JSON.stringify({ event: 'newCall', callId: callId() })}`,
        { 'content-type': 'application/json' });
      assert.equal(bom.status, 200, 'a byte-order mark before the JSON is not an error');
    });

    it('comes out right when events repeat or arrive before the call\'s start', async () => {
      const id = callId();
      await post({ event: 'answer', callId: id, direction: 'in', from: '2125550161',
        answeringNumber: 'bob' });
      await post({ event: 'newCall', callId: id, direction: 'in', from: '2125550161' });
      assert.equal((await call(id)).state, 'answered', 'a late newCall moves nothing back');
      for (let i = 0; i < 2; i++) {
        const res = await post({ event: 'hangup', callId: id, cause: 'normalClearing' });
        assert.equal(res.status, 200);
      }
      await post({ event: 'answer', callId: id, answeringNumber: 'carol' });
      const final = await call(id);
      assert.deepEqual([final.state, final.answeredBy, final.missed], ['ended', 'bob', false]);

      const missed = callId();
      await post({ event: 'hangup', callId: missed, cause: 'cancel', from: '2125550100' });
      await post({ event: 'newCall', callId: missed, from: '2125550100' });
      const m = await call(missed);
      assert.deepEqual([m.state, m.missed, m.cause], ['ended', true, 'cancel']);
      const late = callId();
      await post({ event: 'newCall', callId: late, from: '2125550100' });
      await post({ event: 'hangup', callId: late, cause: 'normalClearing' });
      await post({ event: 'answer', callId: late, answeringNumber: '7' });
      const l = await call(late);
      assert.deepEqual([l.state, l.answeredBy, l.missed], ['ended', '7', false]);
      assert.ok(l.answeredAt <= l.endedAt, 'a late answer is not dated after the end');
      const forwarded = callId();
      await post({ event: 'newCall', callId: forwarded, from: '2125550100' });
      await post({ event: 'hangup', callId: forwarded, cause: 'forwarded' });
      assert.equal((await call(forwarded)).missed, false, 'forwarded is not missed');
    });

    it('rejects a blocked number as busy, as Zammad does', async () => {
      const blocked = await signed.admin.post('/api/v1/telephony/blocked',
        { number: '(212) 555-0666', note: 'spam' });
      assert.equal(blocked.status, 201);
      const id = callId();
      const res = await post({ event: 'newCall', callId: id, from: '+12125550666' });
      assert.deepEqual(res.body, { action: 'reject', reason: 'busy' });
      assert.equal((await call(id)).state, 'ended');
      await signed.admin.delete(`/api/v1/telephony/blocked/${blocked.body.id}`);
      assert.deepEqual((await post({ event: 'newCall', callId: callId(),
        from: '+12125550666' })).body, {});
    });

    it('never matches a withheld number', async () => {
      await openCase(signed.admin, { customer: { name: 'Odd', phones: ['0'] } }).catch(() => {});
      for (const from of ['anonymous', '', 'unknown']) {
        const id = callId();
        await post({ event: 'newCall', callId: id, from });
        const got = await call(id);
        assert.deepEqual([got.from, got.fromE164, got.matches], [null, null, []], `from "${from}"`);
      }
    });

    it('matches one number typed six ways, and UK numbers on a US account', async () => {
      await openCase(signed.admin, { customer: { name: 'Six Ways',
        phones: ['+1 646 555 0142 ext. 12'] } });
      await openCase(signed.admin, { customer: { name: 'London Ltd',
        phones: ['+44 20 7946 0958'] } });
      const ways = ['+16465550142', '646-555-0142', '(646) 555-0142', '1 646 555 0142',
        '001 646 555 0142', '+1.646.555.0142'];
      for (const from of ways) {
        const id = callId();
        await post({ event: 'newCall', callId: id, from });
        const names = (await call(id)).matches.map((x: { customer: { name: string } }) =>
          x.customer.name);
        assert.deepEqual(names, ['Six Ways'], from);
      }
      for (const from of ['+44 20 7946 0958', '0044 20 7946 0958', '011 44 20 7946 0958']) {
        const id = callId();
        await post({ event: 'newCall', callId: id, from });
        const names = (await call(id)).matches.map((x: { customer: { name: string } }) =>
          x.customer.name);
        assert.deepEqual(names, ['London Ltd'], from);
      }
    });

    it('lists every customer sharing a switchboard, with open cases of every department',
      async () => {
        const sales = await addDepartment(signed.admin, `Sales ${dialect}`);
        const seller = await addStaffMember(signed.admin, signed.account,
          { departmentId: sales.id });
        const a = await openCase(signed.admin, { customer: { name: 'Front Desk A',
          phones: ['+1 718 555 0100'] } });
        const b = await openCase(seller.client, { customer: { name: 'Front Desk B',
          phones: ['718 555 0100'] } });
        const closed = await openCase(signed.admin,
          { customer: undefined, customerNo: a.customer.customerNo });
        await signed.admin.patch(`/api/v1/cases/${closed.caseNo}`, { status: 'closed' });
        const id = callId();
        await post({ event: 'newCall', callId: id, from: '+17185550100' });
        const got = await call(id);
        const byName = Object.fromEntries(got.matches.map((x: {
          customer: { name: string }; openCases: Array<{ caseNo: number;
            department: { name: string } }> }) => [x.customer.name,
          x.openCases.map((s) => [s.caseNo, s.department.name])]));
        assert.deepEqual(byName, {
          'Front Desk A': [[a.caseNo, 'General']],
          'Front Desk B': [[b.caseNo, `Sales ${dialect}`]],
        });
        const agentView = (await seller.client.get(`/api/v1/calls/${id}`)).body;
        assert.equal(agentView.matches.length, 2, 'every member sees the pop');
        assert.ok(!JSON.stringify(agentView).includes('"messages"'), 'summaries only');
      });

    it('keeps accounts apart, lets only admins see the token, and rotation ends the old one',
      async () => {
        const other = await signUpAccount(t.app);
        const id = callId();
        await post({ event: 'newCall', callId: id, from: '+12125550161' });
        assert.equal((await other.admin.get(`/api/v1/calls/${id}`)).status, 404);
        const list = (await other.admin.get('/api/v1/calls?state=all')).body.items;
        assert.deepEqual(list, []);
        const agent = await addStaffMember(signed.admin, signed.account,
          { departmentId: signed.user.department.id });
        assert.equal((await agent.client.get('/api/v1/telephony')).status, 403);

        const rotated = await signed.admin.post('/api/v1/telephony/rotate');
        assert.equal(rotated.status, 200);
        assert.equal((await post({ event: 'newCall', callId: callId() })).status, 401);
        hook = `/api/v1/cti/${rotated.body.token}`;
        assert.equal((await post({ event: 'newCall', callId: callId() })).status, 200);
      });

    it('matches an outgoing call on the number dialled, and never turns it away', async () => {
      const c = await openCase(signed.admin, { customer: { name: 'Otto Outbound',
        phones: ['+1 (718) 555-0142'] } });
      await signed.admin.post('/api/v1/telephony/blocked', { number: '+1 718 555 0199' });
      const id = callId();
      // The member's own extension calls the customer.
      const dial = await post({ event: 'newCall', direction: 'out', from: '201',
        to: '(718) 555-0142', callId: id, user: 'Alice' });
      assert.deepEqual([dial.status, dial.body], [200, {}]);
      const out = await call(id);
      assert.deepEqual([out.direction, out.from, out.state], ['out', '201', 'ringing']);
      assert.deepEqual(out.matches.map((m: { customer: { name: string } }) => m.customer.name),
        ['Otto Outbound']);
      assert.deepEqual(out.matches[0].openCases.map((s: { caseNo: number }) => s.caseNo),
        [c.caseNo]);
      // A blocked number is one that may not call us; calling it is the member's choice.
      const blockedFrom = await post({ event: 'newCall', direction: 'out',
        from: '+1 718 555 0199', to: '+1 718 555 0142', callId: callId() });
      assert.deepEqual(blockedFrom.body, {});
    });

    it('fills in the caller and direction from a newCall that comes after its answer',
      async () => {
        await openCase(signed.admin,
          { customer: { name: 'Lena Late', phones: ['+1 718 555 0150'] } });
        const id = callId();
        await post({ event: 'answer', callId: id, answeringNumber: '201' });
        await post({ event: 'newCall', callId: id, direction: 'out', from: '201',
          to: '+1 718 555 0150' });
        await post({ event: 'hangup', callId: id, cause: 'normalClearing' });
        const c = await call(id);
        assert.deepEqual([c.direction, c.from, c.state, c.answeredBy], ['out', '201', 'ended',
          '201']);
        assert.deepEqual(c.matches.map((m: { customer: { name: string } }) => m.customer.name),
          ['Lena Late']);
        const inbound = callId();
        await post({ event: 'hangup', callId: inbound, cause: 'cancel' });
        await post({ event: 'newCall', callId: inbound, from: '+17185550150' });
        const missed = await call(inbound);
        assert.deepEqual([missed.direction, missed.fromE164, missed.missed],
          ['in', '+17185550150', true]);
        assert.equal(missed.matches[0].customer.name, 'Lena Late');
      });

    it('takes an empty callId as missing and keeps a 200-character one readable', async () => {
      const long = `${'x'.repeat(190)}-${serial}`;
      assert.equal((await pbx().send('POST', hook, `event=newCall&callId=&call_id=${long}&from=1`,
        { 'content-type': 'application/x-www-form-urlencoded' })).status, 200);
      const read = await signed.admin.get(`/api/v1/calls/${long}`);
      assert.equal(read.status, 200);
      assert.equal(read.body.callId, long);
    });

    it('pages the call log newest first with a cursor, and refuses a made-up one', async () => {
      const other = await signUpAccount(t.app);
      const otherHook = (await other.admin.get('/api/v1/telephony')).body.token as string;
      const ids = [1, 2, 3, 4, 5].map(() => callId());
      for (const id of ids) {
        await pbx().post(`/api/v1/cti/${otherHook}`, { event: 'newCall', callId: id,
          from: '+12125550100' });
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 5; page++) {
        const query: string = cursor === null ? '' : `&cursor=${cursor}`;
        const res = await other.admin.get(`/api/v1/calls?state=all&limit=2${query}`);
        assert.equal(res.status, 200);
        seen.push(...res.body.items.map((c: { callId: string }) => c.callId));
        cursor = res.body.nextCursor;
        if (cursor === null) break;
      }
      assert.deepEqual(seen, [...ids].reverse());
      for (const bad of ['abc', '-5', 'W10']) {
        const res = await other.admin.get(`/api/v1/calls?state=all&cursor=${bad}`);
        assert.equal(res.status, 400, bad);
        assert.ok(res.body.error.fields.cursor);
      }
    });
  });
}
