/**
 * Who a call rings for. Admins route calls by the number called, the queue or a
 * user name to departments or people; a routed call pops (live) and shows in the
 * call log only for them — admins and supervisors still see it in the log, without
 * a pop — and a call no route matches rings for everyone. Routes are admins' only,
 * checked field by field, and never reach into another account.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, DIALECTS, addDepartment, addStaffMember, ctiHookOf, listenLocally, signUpAccount,
  startTestApp, unique, type SignedUp, type TestApp,
} from './support/app.js';
import { openSse, type SseStream } from './support/sse.js';

const quiet = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const dialect of DIALECTS) {
  describe(`call routing (${dialect})`, () => {
    let t: TestApp;
    let base: string;
    let signed: SignedUp;
    let hook: string;
    let sales: { id: number; name: string };
    let seller: Awaited<ReturnType<typeof addStaffMember>>;
    let helper: Awaited<ReturnType<typeof addStaffMember>>;
    let named: Awaited<ReturnType<typeof addStaffMember>>;
    const streams: SseStream[] = [];

    before(async () => {
      t = await startTestApp(dialect);
      base = await listenLocally(t);
      signed = await signUpAccount(t.app);
      hook = await ctiHookOf(signed.admin);
      sales = await addDepartment(signed.admin, unique('Sales '));
      seller = await addStaffMember(signed.admin, signed.account, { departmentId: sales.id });
      helper = await addStaffMember(signed.admin, signed.account,
        { departmentId: signed.user.department.id });
      named = await addStaffMember(signed.admin, signed.account,
        { departmentId: signed.user.department.id });
    });
    after(async () => {
      for (const s of streams) s.close();
      await t.close();
    });

    const listen = async (client: Client) => {
      const s = await openSse(`${base}/api/v1/events`, { cookie: client.cookie ?? '' });
      streams.push(s);
      return s;
    };
    const ring = (callId: string, fields: Record<string, unknown>) =>
      new Client(t.app).post(hook, { event: 'newCall', direction: 'in', from: '+12125550100',
        callId, ...fields });
    const logOf = async (client: Client) => (await client.get('/api/v1/calls?state=all'))
      .body.items.map((c: { callId: string }) => c.callId) as string[];

    it('lets admins add, list and remove routes, and no one else', async () => {
      const added = await signed.admin.post('/api/v1/telephony/routes',
        { field: 'queue', value: ' Sales-Line ', departmentId: sales.id });
      assert.equal(added.status, 201, added.raw.toString());
      assert.deepEqual([added.body.field, added.body.value, added.body.department,
        added.body.staff], ['queue', 'Sales-Line', { id: sales.id, name: sales.name }, null]);
      const again = await signed.admin.post('/api/v1/telephony/routes',
        { field: 'queue', value: 'sales-line', departmentId: sales.id });
      assert.equal(again.status, 409, 'the same queue in other letters is the same route');
      const list = await signed.admin.get('/api/v1/telephony/routes');
      assert.deepEqual(list.body.items.map((r: { id: number }) => r.id), [added.body.id]);

      for (const client of [seller.client, helper.client]) {
        assert.equal((await client.get('/api/v1/telephony/routes')).status, 403);
        assert.equal((await client.post('/api/v1/telephony/routes',
          { field: 'queue', value: 'x', departmentId: sales.id })).status, 403);
        assert.equal((await client.delete(`/api/v1/telephony/routes/${added.body.id}`))
          .status, 403);
      }
      assert.equal((await signed.admin.delete(`/api/v1/telephony/routes/${added.body.id}`))
        .status, 204);
      assert.equal((await signed.admin.delete(`/api/v1/telephony/routes/${added.body.id}`))
        .status, 404);
      assert.deepEqual((await signed.admin.get('/api/v1/telephony/routes')).body.items, []);
    });

    it('refuses a bad route naming the field, and other accounts\' departments', async () => {
      const other = await signUpAccount(t.app);
      const cases: Array<[Record<string, unknown>, number, string]> = [
        [{ field: 'fax', value: 'x', departmentId: sales.id }, 400, 'field'],
        [{ field: 'queue', value: '  ', departmentId: sales.id }, 400, 'value'],
        [{ field: 'to', value: 'not a phone', departmentId: sales.id }, 400, 'value'],
        [{ field: 'queue', value: 'a\nb', departmentId: sales.id }, 400, 'value'],
        [{ field: 'queue', value: 'x' }, 400, 'departmentId'],
        [{ field: 'queue', value: 'x', departmentId: sales.id, staffId: seller.staff.id }, 400,
          'staffId'],
        [{ field: 'queue', value: 'x', departmentId: '1' }, 400, 'departmentId'],
        [{ field: 'queue', value: 'x', departmentId: other.user.department.id }, 404,
          'departmentId'],
        [{ field: 'queue', value: 'x', staffId: other.user.id }, 404, 'staffId'],
        [{ field: 'queue', value: 'x', departmentId: sales.id, extra: 1 }, 400, 'body'],
      ];
      for (const [body, status, field] of cases) {
        const res = await signed.admin.post('/api/v1/telephony/routes', body);
        assert.equal(res.status, status, JSON.stringify(body));
        assert.ok(res.body.error.fields?.[field] !== undefined,
          `${JSON.stringify(body)} names ${field}: ${res.raw}`);
      }
      assert.deepEqual((await signed.admin.get('/api/v1/telephony/routes')).body.items, []);
      assert.deepEqual((await other.admin.get('/api/v1/telephony/routes')).body.items, []);
    });

    it('pops a routed call only for its department and person', async () => {
      const byNumber = await signed.admin.post('/api/v1/telephony/routes',
        { field: 'to', value: '+1 (800) 555-0199', departmentId: sales.id });
      const byUser = await signed.admin.post('/api/v1/telephony/routes',
        { field: 'user', value: 'Nina', staffId: named.staff.id });
      assert.deepEqual([byNumber.status, byUser.status], [201, 201]);
      const sellerStream = await listen(seller.client);
      const helperStream = await listen(helper.client);
      const namedStream = await listen(named.client);
      const adminStream = await listen(signed.admin);

      const id = unique('routed-');
      // The number called written another way, and a user name in other letters.
      await ring(id, { to: '18005550199', user: ['nina', 'Someone'] });
      const heard = (s: SseStream) => s.waitFor((e) => e.event === 'call' && e.data.callId === id);
      const [forSeller, forNamed, forAdmin] = await Promise.all(
        [heard(sellerStream), heard(namedStream), heard(adminStream)]);
      assert.deepEqual([forSeller.data.ringsForYou, forNamed.data.ringsForYou,
        forAdmin.data.ringsForYou], [true, true, false], 'the admin sees it, without a pop');
      await quiet(300);
      assert.ok(!helperStream.events.some((e) => e.event === 'call' && e.data.callId === id),
        'a member it does not ring for hears nothing of it');

      assert.ok((await logOf(seller.client)).includes(id));
      assert.ok((await logOf(named.client)).includes(id));
      assert.ok((await logOf(signed.admin)).includes(id));
      assert.ok(!(await logOf(helper.client)).includes(id));
      assert.equal((await helper.client.get(`/api/v1/calls/${id}`)).status, 404);
      assert.equal((await seller.client.get(`/api/v1/calls/${id}`)).status, 200);

      // A call no route matches rings for everyone, the helper included.
      const open = unique('unrouted-');
      await ring(open, { to: '+18005550100', queue: 'support' });
      const call = await helperStream.waitFor((e) => e.event === 'call'
        && e.data.callId === open);
      assert.equal(call.data.ringsForYou, true);
      assert.ok((await logOf(helper.client)).includes(open));

      for (const r of [byNumber, byUser]) {
        await signed.admin.delete(`/api/v1/telephony/routes/${r.body.id}`);
      }
    });

    it('routes a call by a queue it is told of only when answered', async () => {
      const route = await signed.admin.post('/api/v1/telephony/routes',
        { field: 'queue', value: 'billing', departmentId: sales.id });
      const id = unique('late-queue-');
      await ring(id, {});
      assert.ok((await logOf(helper.client)).includes(id), 'no queue yet: rings for everyone');
      await new Client(t.app).post(hook, { event: 'answer', callId: id, queue: 'Billing' });
      assert.ok(!(await logOf(helper.client)).includes(id));
      assert.ok((await logOf(seller.client)).includes(id));
      await signed.admin.delete(`/api/v1/telephony/routes/${route.body.id}`);
    });

    it('closes the pop of those a call stops ringing for once its number is known',
      async () => {
        const route = await signed.admin.post('/api/v1/telephony/routes',
          { field: 'to', value: '800', departmentId: sales.id });
        const helperStream = await listen(helper.client);
        const id = unique('late-to-');
        // The PBX reports the answer first, without the number called: it rings for all.
        await new Client(t.app).post(hook, { event: 'answer', callId: id, from: '+12125550100' });
        const first = await helperStream.waitFor((e) => e.event === 'call'
          && e.data.callId === id);
        assert.equal(first.data.ringsForYou, true);
        await ring(id, { to: '800' });
        const last = await helperStream.waitFor((e) => e.event === 'call'
          && e.data.callId === id && e.data.ringsForYou === false);
        assert.deepEqual(last.data.matches, [], 'nothing more of the call reaches them');
        await new Client(t.app).post(hook, { event: 'hangup', callId: id });
        await quiet(300);
        assert.equal(helperStream.events.filter((e) => e.event === 'call'
          && e.data.callId === id).length, 2, 'and nothing after that');
        assert.ok(!(await logOf(helper.client)).includes(id));
        await signed.admin.delete(`/api/v1/telephony/routes/${route.body.id}`);
      });

    it('rings for everyone when no one a route names is active', async () => {
      const route = await signed.admin.post('/api/v1/telephony/routes',
        { field: 'queue', value: 'night', staffId: named.staff.id });
      const before = unique('night-');
      await ring(before, { queue: 'night' });
      assert.ok(!(await logOf(helper.client)).includes(before));
      const off = await signed.admin.patch(`/api/v1/staff/${named.staff.id}`, { active: false });
      assert.equal(off.status, 200, off.raw.toString());
      const after = unique('night-');
      await ring(after, { queue: 'night' });
      assert.ok((await logOf(helper.client)).includes(after), 'not lost on a deactivated phone');
      await signed.admin.delete(`/api/v1/telephony/routes/${route.body.id}`);
    });
  });
}
