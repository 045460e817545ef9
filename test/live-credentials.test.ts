/**
 * A live stream lives only as long as what opened it: when the member signs out,
 * revokes the token it was opened with, or changes their password (which ends their
 * other sessions and tokens), such streams end at once — not at the next heartbeat —
 * while the stream of the session that made the change goes on.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, DIALECTS, addStaffMember, listenLocally, signUpAccount, startTestApp,
  type SignedUp, type TestApp,
} from './support/app.js';
import { openSse, type SseStream } from './support/sse.js';

/** Well inside the heartbeat, which would end a stale stream anyway. */
const AT_ONCE_MS = 3_000;

for (const dialect of DIALECTS) {
  describe(`live streams and ended credentials (${dialect})`, () => {
    let t: TestApp;
    let base: string;
    let signed: SignedUp;
    const streams: SseStream[] = [];

    before(async () => {
      t = await startTestApp(dialect);
      base = await listenLocally(t);
      signed = await signUpAccount(t.app);
    });
    after(async () => {
      for (const s of streams) s.close();
      await t.close();
    });

    const listen = async (headers: Record<string, string>) => {
      const s = await openSse(`${base}/api/v1/events`, headers);
      streams.push(s);
      return s;
    };
    const endsSoon = (s: SseStream) => Promise.race([s.ended.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), AT_ONCE_MS))]);
    const member = () => addStaffMember(signed.admin, signed.account,
      { departmentId: signed.user.department.id });
    const signInAgain = async (m: Awaited<ReturnType<typeof member>>) => {
      const c = new Client(t.app);
      const res = await c.post('/api/v1/auth/login',
        { account: signed.account.slug, email: m.email, password: m.password });
      assert.equal(res.status, 200);
      return c;
    };

    it('ends the stream of a session that signs out', async () => {
      const m = await member();
      const stream = await listen({ cookie: m.client.cookie! });
      assert.equal((await m.client.post('/api/v1/auth/logout')).status, 204);
      assert.ok(await endsSoon(stream));
    });

    it('ends the stream of a revoked token', async () => {
      const m = await member();
      const token = (await m.client.post('/api/v1/tokens', { name: 'script' })).body;
      const stream = await listen({ authorization: `Bearer ${token.token}` });
      assert.equal((await m.client.delete(`/api/v1/tokens/${token.id}`)).status, 204);
      assert.ok(await endsSoon(stream));
    });

    it('ends other sessions\' streams on a password change, not the changer\'s', async () => {
      const m = await member();
      const other = await signInAgain(m);
      const token = (await m.client.post('/api/v1/tokens', { name: 'script' })).body;
      const mine = await listen({ cookie: m.client.cookie! });
      const theirs = await listen({ cookie: other.cookie! });
      const scripted = await listen({ authorization: `Bearer ${token.token}` });
      const changed = await m.client.post('/api/v1/me/password',
        { currentPassword: m.password, newPassword: 'another long password' });
      assert.equal(changed.status, 204);
      assert.deepEqual(await Promise.all([endsSoon(theirs), endsSoon(scripted)]), [true, true]);
      assert.equal(await endsSoon(mine), false, 'the session that changed it stays live');
    });
  });
}
