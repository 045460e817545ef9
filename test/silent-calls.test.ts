/**
 * Calls whose PBX went silent: a call still "ringing" ten minutes after its last
 * event, or "answered" twelve hours after, is ended as of that last event, so it
 * stops popping; a call that is merely long is left alone; a late hang-up still
 * tells how it ended; and a second sweep (another process) changes nothing.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { endSilentCalls } from '../src/domain/silent-calls.js';
import {
  Client, DIALECTS, ctiHookOf, signUpAccount, startTestApp, unique, type SignedUp,
  type TestApp,
} from './support/app.js';

const MINUTE = 60_000;
const later = (ms: number) => new Date(Date.now() + ms);

for (const dialect of DIALECTS) {
  describe(`calls the PBX went silent on (${dialect})`, () => {
    let t: TestApp;
    let signed: SignedUp;
    let hook: string;

    before(async () => {
      t = await startTestApp(dialect);
      signed = await signUpAccount(t.app);
      hook = await ctiHookOf(signed.admin);
    });
    after(async () => { await t.close(); });

    const send = (event: string, callId: string, extra: Record<string, unknown> = {}) =>
      new Client(t.app).post(hook, { event, callId, direction: 'in', from: '+12125550100',
        ...extra });
    const call = async (id: string) => (await signed.admin.get(`/api/v1/calls/${id}`)).body;
    const mine = (ended: Array<{ callId: string }>, ids: string[]) =>
      ended.map((c) => c.callId).filter((id) => ids.includes(id)).sort();

    it('ends a silent ringing call at 10 minutes and a silent answered one at 12 hours',
      async () => {
        const ringing = unique('silent-ring-');
        const talking = unique('silent-talk-');
        await send('newCall', ringing);
        await send('newCall', talking);
        await send('answer', talking, { answeringNumber: 'alice' });
        const lastHeard = (await call(ringing)).startedAt as string;

        assert.deepEqual(mine(await endSilentCalls(t.store.db, later(9 * MINUTE)),
          [ringing, talking]), [], 'nine minutes of ringing is still ringing');
        assert.deepEqual(mine(await endSilentCalls(t.store.db, later(11 * MINUTE)),
          [ringing, talking]), [ringing]);
        const lost = await call(ringing);
        assert.deepEqual([lost.state, lost.missed], ['ended', true]);
        const heardFor = Date.parse(lost.endedAt) - Date.parse(lastHeard);
        assert.ok(heardFor >= 0 && heardFor < 5_000, 'ended as of the last event heard');
        assert.equal((await call(talking)).state, 'answered', 'a long call is left alone');

        assert.deepEqual(mine(await endSilentCalls(t.store.db, later(13 * 60 * MINUTE)),
          [ringing, talking]), [talking]);
        const done = await call(talking);
        assert.deepEqual([done.state, done.missed, done.answeredBy], ['ended', false, 'alice']);
        const active = (await signed.admin.get('/api/v1/calls?state=active')).body.items;
        assert.ok(!active.some((c: { callId: string }) => [ringing, talking].includes(c.callId)));

        assert.deepEqual(mine(await endSilentCalls(t.store.db, later(13 * 60 * MINUTE)),
          [ringing, talking]), [], 'a second sweep finds nothing');
        await send('hangup', ringing, { cause: 'cancel' });
        const told = await call(ringing);
        assert.deepEqual([told.state, told.cause, told.endedAt], ['ended', 'cancel', lost.endedAt]);
      });

    it('tells live clients that a silent call ended', async () => {
      const id = unique('silent-live-');
      await send('newCall', id);
      const before = await t.store.db.selectFrom('live_events')
        .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      await endSilentCalls(t.store.db, later(11 * MINUTE));
      const events = await t.store.db.selectFrom('live_events').select('payload')
        .where('kind', '=', 'call').orderBy('id', 'desc').limit(1).execute();
      const afterCount = await t.store.db.selectFrom('live_events')
        .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.ok(Number(afterCount.n) > Number(before.n));
      assert.equal(JSON.parse(events[0]!.payload).callId, id);
    });
  });
}
