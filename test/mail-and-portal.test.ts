/**
 * E-mail out, pairing and the portal, end to end through the API with a real
 * SMTP server on 127.0.0.1 receiving what Caseline sends: what the customer
 * gets, what the portal shows, and what it never shows.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, DIALECTS, addStaffMember, openCase, signUpAccount, startTestApp, type SignedUp,
  type TestApp,
} from './support/app.js';
import { startTestSmtpServer, type ReceivedMail, type TestSmtpServer } from './support/smtp.js';

const SECRET = { private: 'Privatenote7731', supervisor: 'Supervisornote8842' };

export function pairingSecrets(mail: ReceivedMail) {
  const text = mail.parsed.text ?? '';
  const token = /\/portal\/pair\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
  const code = /Pairing code: ([A-Z0-9]+)/.exec(text)?.[1];
  assert.ok(token && code, `pairing mail holds a link and a code:\n${text}`);
  return { token, code };
}

for (const dialect of DIALECTS) {
  describe(`mail and portal (${dialect})`, () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    let signed: SignedUp;
    let agent: Client;

    before(async () => {
      smtp = await startTestSmtpServer();
      t = await startTestApp(dialect, {
        SMTP_URL: smtp.url, MAIL_POLL_MS: '100', PUBLIC_URL: 'http://caseline.test',
        MAIL_REPLY_ADDRESS: 'cases@mail.caseline.test',
      });
      signed = await signUpAccount(t.app);
      agent = (await addStaffMember(signed.admin, signed.account,
        { departmentId: signed.user.department.id })).client;
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    /** A case whose thread holds a private and a supervisor note before the public one. */
    async function caseWithNotes() {
      const c = await openCase(agent, { customer: { name: 'Carla', emails: ['carla@example.com'] },
        message: { body: 'Opened on the phone.', visibility: 'public' } });
      await agent.post(`/api/v1/cases/${c.caseNo}/messages`,
        { body: `${SECRET.private} about the refund`, visibility: 'private' });
      await signed.admin.post(`/api/v1/cases/${c.caseNo}/messages`,
        { body: `${SECRET.supervisor} watch this one`, visibility: 'supervisor' });
      return c.caseNo as number;
    }

    const nextMail = async () => (await smtp.waitFor(smtp.received.length + 1))
      .at(-1) as ReceivedMail;

    it('mails a public message to the contact with nothing private anywhere in it', async () => {
      const caseNo = await caseWithNotes();
      const before = smtp.received.length;
      const res = await agent.post(`/api/v1/cases/${caseNo}/messages`, {
        body: 'Your refund is on its way.\nIt takes three days.', visibility: 'public',
        notify: true,
      });
      assert.equal(res.status, 201);
      assert.deepEqual(res.body.notifications.map((n: { kind: string; to: string }) =>
        [n.kind, n.to]), [['message_notification', 'carla@example.com']]);
      const mail = await nextMail();
      assert.equal(smtp.received.length, before + 1);
      assert.deepEqual(mail.envelope.to, ['carla@example.com']);
      assert.match(mail.parsed.subject ?? '', new RegExp(`\\[Case #${caseNo}\\]`));
      assert.match(mail.parsed.text ?? '', /Your refund is on its way\.\nIt takes three days\./);
      assert.match(String(mail.parsed.html), /Your refund is on its way\./);
      for (const word of Object.values(SECRET)) {
        assert.ok(!mail.raw.includes(word), `${word} leaked into the raw mail`);
      }
      assert.ok(!mail.raw.includes('Opened on the phone'), 'no other message is quoted');
      const replyTo = mail.parsed.replyTo?.value[0]?.address ?? '';
      assert.match(replyTo, new RegExp(`^cases\\+${signed.account.slug}\\.[a-z0-9]{20}`
        + '@mail\\.caseline\\.test$'));
      assert.equal(mail.parsed.headers.get('auto-submitted'), 'auto-generated');
      assert.equal(mail.parsed.from?.value[0]?.name, signed.account.name);

      // The SMTP server has it; the worker marks the row a moment later.
      let row: { status: string } | undefined;
      for (let i = 0; i < 50 && row?.status !== 'sent'; i++) {
        const outbox = await signed.admin.get('/api/v1/outbox');
        row = outbox.body.items.find((item: { id: number }) =>
          item.id === res.body.notifications[0].id);
        if (row?.status !== 'sent') await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(row?.status, 'sent');
      assert.equal((await agent.get('/api/v1/outbox')).status, 403);
      const history = (await agent.get(`/api/v1/cases/${caseNo}/history`)).body.items;
      assert.ok(history.some((e: { type: string }) => e.type === 'notified'));
    });

    it('refuses mail for a private message or a case without a contact, sending nothing',
      async () => {
        const caseNo = await caseWithNotes();
        const before = smtp.received.length;
        const priv = await agent.post(`/api/v1/cases/${caseNo}/messages`,
          { body: 'x', visibility: 'private', sendPairing: true });
        assert.equal(priv.status, 400);
        assert.ok(priv.body.error.fields.sendPairing);
        const bare = await openCase(agent, { customer: { name: 'No Mail' } });
        const none = await agent.post(`/api/v1/cases/${bare.caseNo}/messages`,
          { body: 'x', visibility: 'public', notify: true });
        assert.equal(none.status, 400);
        assert.ok(none.body.error.fields.notify);
        const thread = (await agent.get(`/api/v1/cases/${bare.caseNo}`)).body.messages;
        assert.equal(thread.length, 1, 'the refused message was not stored');
        await new Promise((r) => setTimeout(r, 300));
        assert.equal(smtp.received.length, before);
      });

    it('pairs by the mailed link; the portal shows public messages only', async () => {
      const caseNo = await caseWithNotes();
      await agent.post(`/api/v1/cases/${caseNo}/messages`,
        { body: 'Follow it online.', visibility: 'public', sendPairing: true });
      const mail = await nextMail();
      assert.match(mail.parsed.subject ?? '', new RegExp(`Case #${caseNo}`));
      const { token, code } = pairingSecrets(mail);
      assert.match(mail.parsed.text ?? '', new RegExp(`Case #${caseNo}`));
      assert.match(code, /^[A-Z2-9]{8}$/);

      const customer = new Client(t.app);
      const paired = await customer.post('/api/v1/portal/pair', { token });
      assert.equal(paired.status, 200);
      assert.deepEqual(paired.body.cases.map((c: { caseNo: number }) => c.caseNo), [caseNo]);
      assert.equal(paired.body.pairedCaseNo, caseNo);
      const view = await customer.get(`/api/v1/portal/cases/${caseNo}`);
      assert.equal(view.status, 200);
      await agent.post(`/api/v1/cases/${caseNo}/messages`,
        { body: 'Another private note', visibility: 'private' });
      assert.equal((await customer.get(`/api/v1/portal/cases/${caseNo}`)).body.updatedAt,
        view.body.updatedAt, 'a private note is not news to the customer, not even its time');
      assert.deepEqual(view.body.messages.map((m: { body: string }) => m.body),
        ['Opened on the phone.', 'Follow it online.']);
      const raw = view.raw.toString();
      for (const word of [...Object.values(SECRET), 'department', '@example.com"',
        signed.user.department.name]) {
        assert.ok(!raw.includes(word), `${word} reached the portal`);
      }
      assert.equal((await customer.get('/api/v1/cases')).status, 401,
        'the portal cookie is no staff credential');
      const unpaired = await openCase(agent, { customer: { emails: ['carla@example.com'] } });
      assert.equal((await customer.get(`/api/v1/portal/cases/${unpaired.caseNo}`)).status, 404,
        'the same address, a case it was never paired with');
      assert.equal((await customer.post(`/api/v1/portal/cases/${unpaired.caseNo}/messages`,
        { body: 'let me in' })).status, 404);
      const other = await signUpAccount(t.app);
      const foreign = await openCase(other.admin);
      assert.equal((await customer.get(`/api/v1/portal/cases/${foreign.caseNo}`)).status, 404,
        'another account\'s case of any number');

      const again = await new Client(t.app).post('/api/v1/portal/pair', { token });
      assert.equal(again.status, 404, 'the link works once');
      const byCode = await new Client(t.app).post('/api/v1/portal/pair',
        { account: signed.account.slug, caseNo, code });
      assert.equal(byCode.status, 404, 'the code of a used pairing is spent too');
    });

    it('pairs by account, Case # and code, and throttles guessing of the code', async () => {
      const caseNo = await caseWithNotes();
      await agent.post(`/api/v1/cases/${caseNo}/messages`,
        { body: 'Pair by code.', visibility: 'public', sendPairing: true });
      const { code } = pairingSecrets(await nextMail());
      const guesser = new Client(t.app);
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) {
        const res = await guesser.post('/api/v1/portal/pair',
          { account: signed.account.slug, caseNo, code: `WRONG${String(i).padStart(3, '2')}` });
        statuses.push(res.status);
      }
      assert.ok(statuses.slice(0, 10).every((s) => s === 404), statuses.join(','));
      assert.ok(statuses.slice(10).every((s) => s === 429), statuses.join(','));
      const blocked = await new Client(t.app).post('/api/v1/portal/pair',
        { account: signed.account.slug, caseNo, code });
      assert.equal(blocked.status, 429, 'the case stays blocked while guesses were made');

      await t.store.db.deleteFrom('throttles').execute();
      const typed = `${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`;
      const ok = await new Client(t.app).post('/api/v1/portal/pair',
        { account: signed.account.slug, caseNo, code: typed });
      assert.equal(ok.status, 200, 'case and dashes do not matter');
    });

    it('refuses an expired link, and a revoked pairing loses the case at once', async () => {
      const caseNo = await caseWithNotes();
      await agent.post(`/api/v1/cases/${caseNo}/messages`,
        { body: 'One.', visibility: 'public', sendPairing: true });
      const first = pairingSecrets(await nextMail());
      await agent.post(`/api/v1/cases/${caseNo}/messages`,
        { body: 'Two.', visibility: 'public', sendPairing: true });
      const second = pairingSecrets(await nextMail());

      const pairings = (await agent.get(`/api/v1/cases/${caseNo}/pairings`)).body.items;
      assert.equal(pairings.length, 2);
      await t.store.db.updateTable('pairings').set({ secret_expires_at: '2000-01-01T00:00:00Z' })
        .where('id', '=', Math.min(...pairings.map((p: { id: number }) => p.id))).execute();
      assert.equal((await new Client(t.app).post('/api/v1/portal/pair',
        { token: first.token })).status, 404, 'expired');

      const customer = new Client(t.app);
      assert.equal((await customer.post('/api/v1/portal/pair', { token: second.token })).status,
        200);
      assert.equal((await customer.get(`/api/v1/portal/cases/${caseNo}`)).status, 200);
      const live = (await agent.get(`/api/v1/cases/${caseNo}/pairings`)).body.items
        .find((p: { pairedAt: string | null }) => p.pairedAt !== null);
      assert.equal(live.email, 'carla@example.com');
      const revoked = await agent.delete(`/api/v1/cases/${caseNo}/pairings/${live.id}`);
      assert.equal(revoked.status, 204);
      assert.equal((await customer.get(`/api/v1/portal/cases/${caseNo}`)).status, 401,
        'revoking signs the address out of the portal');
      assert.equal((await customer.get('/api/v1/portal/cases')).status, 401);
    });

    it('takes a portal reply as a public customer message that reopens a closed case',
      async () => {
        const caseNo = await caseWithNotes();
        await agent.post(`/api/v1/cases/${caseNo}/messages`,
          { body: 'Pair.', visibility: 'public', sendPairing: true });
        const { token } = pairingSecrets(await nextMail());
        const customer = new Client(t.app);
        await customer.post('/api/v1/portal/pair', { token });
        await agent.patch(`/api/v1/cases/${caseNo}`, { status: 'closed' });

        const reply = await customer.post(`/api/v1/portal/cases/${caseNo}/messages`,
          { body: 'It did not arrive.' });
        assert.equal(reply.status, 201);
        const staffView = (await agent.get(`/api/v1/cases/${caseNo}`)).body;
        assert.equal(staffView.status, 'in_progress');
        const last = staffView.messages.at(-1);
        assert.deepEqual([last.body, last.visibility, last.author.type, last.author.name],
          ['It did not arrive.', 'public', 'customer', 'Carla']);
        const history = (await agent.get(`/api/v1/cases/${caseNo}/history`)).body.items;
        assert.ok(history.some((e: { type: string; details: { reason?: string } }) =>
          e.type === 'reopened' && e.details.reason === 'customer_reply'));
        const desk = (await agent.get('/api/v1/cases')).body.items;
        assert.equal(desk[0].caseNo, caseNo, 'the case is back on top of the desk');
        const empty = await customer.post(`/api/v1/portal/cases/${caseNo}/messages`,
          { body: '   ' });
        assert.equal(empty.status, 400);
      });

    it('mails a one-hour sign-in link only to a paired address, answering 202 alike',
      async () => {
        const caseNo = await caseWithNotes();
        await agent.post(`/api/v1/cases/${caseNo}/messages`,
          { body: 'Pair.', visibility: 'public', sendPairing: true });
        const { token } = pairingSecrets(await nextMail());
        await new Client(t.app).post('/api/v1/portal/pair', { token });

        const before = smtp.received.length;
        const unknown = await new Client(t.app).post('/api/v1/portal/login',
          { account: signed.account.slug, email: 'stranger@example.com' });
        assert.equal(unknown.status, 202);
        const known = await new Client(t.app).post('/api/v1/portal/login',
          { account: signed.account.slug, email: 'CARLA@example.com' });
        assert.equal(known.status, 202);
        assert.deepEqual(known.body, unknown.body);
        const mail = await nextMail();
        assert.equal(smtp.received.length, before + 1, 'nothing went to the unknown address');
        const link = /\/portal\/session\?token=([A-Za-z0-9_-]+)/.exec(mail.parsed.text ?? '');
        assert.ok(link, mail.parsed.text);
        const customer = new Client(t.app);
        const session = await customer.post('/api/v1/portal/session', { token: link[1] });
        assert.equal(session.status, 200);
        assert.ok(session.body.cases.some((c: { caseNo: number }) => c.caseNo === caseNo));
        assert.equal((await new Client(t.app).post('/api/v1/portal/session',
          { token: link[1] })).status, 404, 'the sign-in link works once');
        assert.equal((await customer.post('/api/v1/portal/logout')).status, 204);
        assert.equal((await customer.get('/api/v1/portal/cases')).status, 401);
      });
  });
}

for (const dialect of DIALECTS) {
  describe(`mail waiting without SMTP (${dialect})`, () => {
    let t: TestApp;
    before(async () => { t = await startTestApp(dialect); });
    after(async () => { await t.close(); });

    it('keeps mail queued for admins, and redaction cancels a waiting notification', async () => {
      const { admin } = await signUpAccount(t.app);
      const c = await openCase(admin);
      const sent = await admin.post(`/api/v1/cases/${c.caseNo}/messages`, {
        body: 'Your card 4111 1111 1111 1111 is noted.', visibility: 'public', notify: true,
      });
      assert.equal(sent.status, 201);
      const id = sent.body.notifications[0].id;
      const entry = () => admin.get('/api/v1/outbox').then((r) =>
        r.body.items.find((i: { id: number }) => i.id === id));
      assert.equal((await entry()).status, 'queued');
      await admin.post(`/api/v1/cases/${c.caseNo}/messages/${sent.body.message.id}/redact`);
      const cancelled = await entry();
      assert.equal(cancelled.status, 'failed');
      assert.match(cancelled.lastError, /redacted/);
      const retry = await admin.post(`/api/v1/outbox/${id}/retry`);
      assert.equal(retry.status, 409, 'mail stopped by a redaction is never sent');
      const row = await t.store.db.selectFrom('outbox').select(['text_body', 'html_body'])
        .where('id', '=', id).executeTakeFirstOrThrow();
      assert.ok(!JSON.stringify(row).includes('4111'), 'no copy of the words is kept');
    });
  });
}
