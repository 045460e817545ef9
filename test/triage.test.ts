/**
 * Admins settle the mail waiting in triage: they page through it, open a case
 * from a mail (the sender becomes or finds the customer, the text the first
 * public message) or dismiss it, which still keeps a second delivery out. Mail
 * comes in over the HTTP webhook; no one else may act, nor reach another
 * account's mail or departments.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, DIALECTS, addDepartment, addStaffMember, openCase, signUpAccount, startTestApp,
  unique, type SignedUp, type TestApp,
} from './support/app.js';

const INBOUND_TOKEN = 'inbound-token-for-triage-tests-0123';

interface Mail { from?: string; subject?: string; text?: string; messageId?: string }
interface Entry { id: number; subject: string; from: string | null }

for (const dialect of DIALECTS) {
  describe(`triage actions (${dialect})`, () => {
    let t: TestApp;
    let poster: Client;

    before(async () => {
      t = await startTestApp(dialect, {
        MAIL_REPLY_ADDRESS: 'cases@mail.caseline.test', MAIL_IN_TOKEN: INBOUND_TOKEN,
      });
      poster = new Client(t.app);
    });
    after(async () => { await t.close(); });

    /** Delivers a mail matching no case to the account; answers the webhook's status. */
    async function deliver(signed: SignedUp, mail: Mail): Promise<string> {
      const raw = [
        ...(mail.from === undefined ? [] : [`From: ${mail.from}`]),
        `To: cases+${signed.account.slug}@mail.caseline.test`,
        `Subject: ${mail.subject ?? ''}`,
        `Message-ID: <${mail.messageId ?? unique('triage.')}@example.com>`,
        'Content-Type: text/plain; charset=utf-8', '', mail.text ?? 'Hello.', '',
      ].join('\r\n');
      const res = await poster.send('POST', `/api/v1/mail/inbound/${INBOUND_TOKEN}`, raw,
        { 'content-type': 'message/rfc822' });
      assert.equal(res.status, 200, String(res.raw));
      return res.body.status;
    }

    const triage = async (client: Client): Promise<Entry[]> =>
      (await client.get('/api/v1/mail/triage?limit=200')).body.items;

    /** Delivers a mail and answers its triage entry. */
    async function inTriage(signed: SignedUp, mail: Mail): Promise<Entry> {
      const subject = mail.subject ?? unique('Question ');
      assert.equal(await deliver(signed, { ...mail, subject }), 'triage');
      const entry = (await triage(signed.admin)).find((e) => e.subject === subject);
      assert.ok(entry, `"${subject}" is in triage`);
      return entry;
    }

    it('pages newest first with limit and cursor, and refuses a bad cursor', async () => {
      const signed = await signUpAccount(t.app);
      for (let i = 1; i <= 5; i++) await deliver(signed, { subject: `Page mail ${i}` });
      const subjects: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor === null ? '' : `&cursor=${cursor}`;
        const res = await signed.admin.get(`/api/v1/mail/triage?limit=2${query}`);
        assert.equal(res.status, 200);
        pages += 1;
        assert.equal(res.body.items.length, pages < 3 ? 2 : 1);
        subjects.push(...res.body.items.map((e: Entry) => e.subject));
        cursor = res.body.nextCursor;
      } while (cursor !== null && pages < 5);
      assert.equal(pages, 3);
      assert.deepEqual(subjects, [5, 4, 3, 2, 1].map((i) => `Page mail ${i}`));

      // The outbox pages the same way and refuses the same cursors.
      for (const list of ['/api/v1/mail/triage', '/api/v1/outbox']) {
        for (const bad of ['abc', '0', '99999999999', '9999999999', '4294967296', '-1', '']) {
          const res = await signed.admin.get(`${list}?limit=2&cursor=${bad}`);
          assert.equal(res.status, 400, `${list} cursor=${bad}`);
          assert.ok(res.body.error.fields.cursor, `cursor=${bad} names the field`);
        }
      }
    });

    it('opens a case from a mail, with a new customer and the mail as a public message',
      async () => {
        const signed = await signUpAccount(t.app);
        const address = `${unique('dana')}@example.com`;
        const mail = await inTriage(signed, { from: `Dana Doe <${address}>`,
          subject: 'Printer on fire', text: 'It smokes.\n\nDana' });

        const opened = await signed.admin.post(`/api/v1/mail/triage/${mail.id}/case`, {});
        assert.equal(opened.status, 201, String(opened.raw));
        const c = (await signed.admin.get(`/api/v1/cases/${opened.body.caseNo}`)).body;
        assert.equal(c.subject, 'Printer on fire');
        assert.equal(c.department.id, signed.user.department.id);
        assert.equal(c.status, 'in_progress');
        assert.equal(c.customer.name, 'Dana Doe');
        assert.deepEqual(c.customer.emails, [address]);
        assert.equal(c.contactEmail, address);
        assert.equal(c.messages.length, 1);
        const [first] = c.messages;
        assert.deepEqual([first.body.trim(), first.visibility, first.author.type,
          first.author.name], ['It smokes.\n\nDana', 'public', 'customer',
          `Dana Doe <${address}>`]);

        const history = (await signed.admin.get(`/api/v1/cases/${c.caseNo}/history`)).body.items;
        assert.equal(history[0].type, 'opened');
        assert.equal(history[0].details.via, 'email_triage');
        assert.equal(history[0].actor.type, 'staff');
        assert.equal(history[0].summary, 'opened the case from an e-mail in triage');

        const events = await t.store.db.selectFrom('live_events').select('payload')
          .where('account_id', '=', signed.account.id).where('kind', '=', 'case').execute();
        assert.ok(events.some((e) => {
          const p = JSON.parse(e.payload);
          return p.caseNo === c.caseNo && p.change === 'created';
        }), 'the case has its live event');

        assert.ok(!(await triage(signed.admin)).some((e) => e.id === mail.id),
          'gone from triage');
        const again = await signed.admin.post(`/api/v1/mail/triage/${mail.id}/case`, {});
        assert.equal(again.status, 409);
        assert.match(again.body.error.message, new RegExp(`Case #${c.caseNo}`));
      });

    it('opens one case when two requests open the same mail at once', async () => {
      const signed = await signUpAccount(t.app);
      const mail = await inTriage(signed, { from: 'twice@example.com' });
      const url = `/api/v1/mail/triage/${mail.id}/case`;
      const answers = await Promise.all([signed.admin.post(url, {}), signed.admin.post(url, {})]);
      assert.deepEqual(answers.map((a) => a.status).sort(), [201, 409]);
      const cases = (await signed.admin.get('/api/v1/cases?status=all')).body.items;
      assert.equal(cases.length, 1);
    });

    it('finds the one customer with the address, in the department asked for', async () => {
      const signed = await signUpAccount(t.app);
      const sales = await addDepartment(signed.admin);
      const address = `${unique('carla')}@example.com`;
      const known = await openCase(signed.admin, {
        customer: { name: 'Carla Customer', emails: ['carla.work@example.com', address] } });
      const mail = await inTriage(signed, { from: `Someone Else <${address.toUpperCase()}>` });

      const opened = await signed.admin.post(`/api/v1/mail/triage/${mail.id}/case`,
        { departmentId: sales.id });
      assert.equal(opened.status, 201, String(opened.raw));
      const c = (await signed.admin.get(`/api/v1/cases/${opened.body.caseNo}`)).body;
      assert.equal(c.department.id, sales.id);
      assert.equal(c.customer.customerNo, known.customer.customerNo);
      assert.equal(c.customer.name, 'Carla Customer');
      assert.equal(c.contactEmail, address, "the customer's own spelling of the address");
      const found = await signed.admin.get(`/api/v1/customers?email=${address}`);
      assert.equal(found.body.items.length, 1, 'no second customer');
    });

    it('makes a new customer when two share the address', async () => {
      const signed = await signUpAccount(t.app);
      const address = `${unique('shared')}@example.com`;
      for (const name of ['Pat One', 'Pat Two']) {
        await openCase(signed.admin, { customer: { name, emails: [address] } });
      }
      const mail = await inTriage(signed, { from: `Pat <${address}>` });
      const opened = await signed.admin.post(`/api/v1/mail/triage/${mail.id}/case`, {});
      const c = (await signed.admin.get(`/api/v1/cases/${opened.body.caseNo}`)).body;
      assert.equal(c.customer.name, 'Pat');
      const found = await signed.admin.get(`/api/v1/customers?email=${address}`);
      assert.equal(found.body.items.length, 3);
    });

    it('gives a mail without subject or sender a placeholder subject and no customer',
      async () => {
        const signed = await signUpAccount(t.app);
        assert.equal(await deliver(signed, { subject: '', text: 'Who am I?' }), 'triage');
        const mail = (await triage(signed.admin)).find((e) => e.from === null);
        assert.ok(mail);
        const opened = await signed.admin.post(`/api/v1/mail/triage/${mail.id}/case`);
        assert.equal(opened.status, 201, String(opened.raw));
        const c = (await signed.admin.get(`/api/v1/cases/${opened.body.caseNo}`)).body;
        assert.equal(c.subject, '(no subject)');
        assert.equal(c.customer, null);
        assert.equal(c.contactEmail, null);
        assert.deepEqual([c.messages[0].author.type, c.messages[0].author.name],
          ['customer', 'Unknown sender']);
      });

    it('dismisses a mail; it leaves triage and a second delivery stays out', async () => {
      const signed = await signUpAccount(t.app);
      const messageId = unique('dismissed.');
      const mail = await inTriage(signed, { from: 'spam@example.com', messageId });

      const dismissed = await signed.admin.delete(`/api/v1/mail/triage/${mail.id}`);
      assert.equal(dismissed.status, 204);
      assert.ok(!(await triage(signed.admin)).some((e) => e.id === mail.id));
      assert.equal((await signed.admin.delete(`/api/v1/mail/triage/${mail.id}`)).status, 404);
      assert.equal((await signed.admin.post(`/api/v1/mail/triage/${mail.id}/case`, {})).status,
        404);

      assert.equal(await deliver(signed, { from: 'spam@example.com', subject: mail.subject,
        messageId }), 'duplicate');
      assert.ok(!(await triage(signed.admin)).some((e) => e.subject === mail.subject));
    });

    it('refuses agents with 403', async () => {
      const signed = await signUpAccount(t.app);
      const mail = await inTriage(signed, { from: 'x@example.com' });
      const agent = await addStaffMember(signed.admin, signed.account,
        { departmentId: signed.user.department.id });
      assert.equal((await agent.client.get('/api/v1/mail/triage')).status, 403);
      assert.equal((await agent.client.post(`/api/v1/mail/triage/${mail.id}/case`, {})).status,
        403);
      assert.equal((await agent.client.delete(`/api/v1/mail/triage/${mail.id}`)).status, 403);
      assert.ok((await triage(signed.admin)).some((e) => e.id === mail.id), 'still waiting');
    });

    it("answers 404 for another account's mail and departments", async () => {
      const mine = await signUpAccount(t.app);
      const theirs = await signUpAccount(t.app);
      const myMail = await inTriage(mine, { from: 'x@example.com' });
      const theirMail = await inTriage(theirs, { from: 'y@example.com' });

      const open = (id: number, body: object) =>
        mine.admin.post(`/api/v1/mail/triage/${id}/case`, body);
      assert.equal((await open(theirMail.id, {})).status, 404);
      assert.equal((await mine.admin.delete(`/api/v1/mail/triage/${theirMail.id}`)).status, 404);
      assert.equal((await open(2_000_000_000, {})).status, 404);

      for (const departmentId of [theirs.user.department.id, 2_000_000_000]) {
        const res = await open(myMail.id, { departmentId });
        assert.equal(res.status, 404);
        assert.ok(res.body.error.fields.departmentId, 'names departmentId');
      }
      assert.ok((await triage(mine.admin)).some((e) => e.id === myMail.id), 'still waiting');
      assert.ok((await triage(theirs.admin)).some((e) => e.id === theirMail.id));
      assert.equal((await open(myMail.id, { departmentId: 'x' })).status, 400);
    });
  });
}
