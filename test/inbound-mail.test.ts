/**
 * Replies coming back: nodemailer sends to Caseline's own SMTP listener on
 * 127.0.0.1 (and a hosted provider POSTs raw mail to the HTTP endpoint); each
 * reply joins the right case, or waits in triage, and nothing else happens.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import nodemailer, { type Transporter } from 'nodemailer';
import { pino } from 'pino';
import {
  Client, DIALECTS, openCase, signUpAccount, startTestApp, type SignedUp, type TestApp,
} from './support/app.js';
import { startTestSmtpServer, type TestSmtpServer } from './support/smtp.js';
import { startSmtpListener, type SmtpListener } from '../src/mail/smtp-listener.js';

const INBOUND_TOKEN = 'inbound-token-for-tests-0123456789';

for (const dialect of DIALECTS) {
  describe(`inbound mail (${dialect})`, () => {
    let t: TestApp;
    let outgoing: TestSmtpServer;
    let listener: SmtpListener;
    let signed: SignedUp;
    let customerMail: Transporter;

    before(async () => {
      outgoing = await startTestSmtpServer();
      t = await startTestApp(dialect, {
        SMTP_URL: outgoing.url, MAIL_POLL_MS: '100', MAIL_IN_MAX_MB: '1',
        MAIL_REPLY_ADDRESS: 'cases@mail.caseline.test', MAIL_IN_TOKEN: INBOUND_TOKEN,
      });
      listener = await startSmtpListener(t.store.db, t.config, pino({ level: 'silent' }), 0);
      customerMail = nodemailer.createTransport({
        host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true,
      });
      signed = await signUpAccount(t.app);
    });
    after(async () => {
      customerMail.close();
      await listener.close();
      await t.close();
      await outgoing.close();
    });

    /** A case that has mailed Carla; answers its number, reply address and Message-ID. */
    async function notifiedCase() {
      const c = await openCase(signed.admin, {
        customer: { name: 'Carla', emails: ['carla@example.com'] } });
      await signed.admin.post(`/api/v1/cases/${c.caseNo}/messages`,
        { body: 'We are on it.', visibility: 'public', notify: true });
      const [mail] = (await outgoing.waitFor(outgoing.received.length + 1)).slice(-1);
      return {
        caseNo: c.caseNo as number,
        replyTo: mail!.parsed.replyTo!.value[0]!.address!,
        messageId: mail!.parsed.messageId!,
        subject: mail!.parsed.subject!,
      };
    }

    const thread = async (caseNo: number) =>
      (await signed.admin.get(`/api/v1/cases/${caseNo}`)).body;

    it('joins a reply to its case as a public customer message, quote trimmed', async () => {
      const sent = await notifiedCase();
      await customerMail.sendMail({
        from: 'Carla Customer <carla@example.com>', to: sent.replyTo,
        subject: `Re: ${sent.subject}`, inReplyTo: sent.messageId, references: sent.messageId,
        text: 'Thanks, it works now.\n\nOn Fri, 4 Dec 2026 at 10:00, Acme wrote:\n> We are on it.',
      });
      const last = (await thread(sent.caseNo)).messages.at(-1);
      assert.deepEqual([last.body, last.visibility, last.author.type, last.author.name],
        ['Thanks, it works now.', 'public', 'customer', 'Carla Customer <carla@example.com>']);
    });

    it('joins a reply whose subject was changed, and reopens a closed case', async () => {
      const sent = await notifiedCase();
      await signed.admin.patch(`/api/v1/cases/${sent.caseNo}`, { status: 'closed' });
      await customerMail.sendMail({ from: 'carla@example.com', to: sent.replyTo,
        subject: 'something else entirely', text: 'One more thing.' });
      const c = await thread(sent.caseNo);
      assert.equal(c.messages.at(-1).body, 'One more thing.');
      assert.equal(c.status, 'in_progress');
    });

    it('joins by References alone when the mail came to the account address', async () => {
      const sent = await notifiedCase();
      await customerMail.sendMail({ from: 'carla@example.com',
        to: `cases+${signed.account.slug}@mail.caseline.test`, subject: 'Fwd: question',
        references: `<unrelated@elsewhere.test> ${sent.messageId}`, text: 'Via references.' });
      assert.equal((await thread(sent.caseNo)).messages.at(-1).body, 'Via references.');
    });

    it('puts mail matching no case in triage for admins, touching no case', async () => {
      const before = (await signed.admin.get('/api/v1/cases?status=all')).body.items;
      await customerMail.sendMail({ from: 'Dan <dan@example.com>',
        to: `cases+${signed.account.slug}@mail.caseline.test`,
        subject: '[Case #1] please help', text: 'A new question.' });
      const triage = await signed.admin.get('/api/v1/mail/triage');
      assert.equal(triage.status, 200);
      const entry = triage.body.items.find((i: { from: string }) => i.from === 'dan@example.com');
      assert.equal(entry?.reason, 'no matching case');
      const after = (await signed.admin.get('/api/v1/cases?status=all')).body.items;
      assert.deepEqual(after, before, 'a subject naming a Case # joins nothing');
    });

    it('refuses mail for an address that is not Caseline\'s with 550', async () => {
      await assert.rejects(customerMail.sendMail({ from: 'x@example.com',
        to: 'someone@mail.caseline.test', subject: 'hi', text: 'hello' }),
      (err: { responseCode?: number }) => err.responseCode === 550);
    });

    it('trusts References only for mail addressed to a known account', async () => {
      const sent = await notifiedCase();
      const count = (await thread(sent.caseNo)).messages.length;
      await assert.rejects(customerMail.sendMail({ from: 'x@example.com',
        to: 'cases+no-such-account@mail.caseline.test', subject: 'Re: hi', text: 'sneaky',
        references: sent.messageId }),
      (err: { responseCode?: number }) => err.responseCode === 550);
      assert.equal((await thread(sent.caseNo)).messages.length, count);
    });

    it('never lets an automatic reply reopen a case or cause mail', async () => {
      const sent = await notifiedCase();
      await signed.admin.patch(`/api/v1/cases/${sent.caseNo}`, { status: 'closed' });
      const mailsBefore = outgoing.received.length;
      await customerMail.sendMail({ from: 'carla@example.com', to: sent.replyTo,
        subject: 'Out of office', text: 'I am away until Monday.',
        headers: { 'Auto-Submitted': 'auto-replied' } });
      const c = await thread(sent.caseNo);
      assert.equal(c.status, 'closed');
      assert.notEqual(c.messages.at(-1).body, 'I am away until Monday.');
      const triage = (await signed.admin.get('/api/v1/mail/triage')).body.items;
      assert.ok(triage.some((i: { reason: string; subject: string }) =>
        i.subject === 'Out of office' && i.reason === 'automatic reply or bounce'));
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(outgoing.received.length, mailsBefore);
    });

    it('refuses an oversized message with 552 and stores nothing', async () => {
      const sent = await notifiedCase();
      const count = (await thread(sent.caseNo)).messages.length;
      await assert.rejects(customerMail.sendMail({ from: 'carla@example.com', to: sent.replyTo,
        subject: 'big', text: 'x'.repeat(1_500_000) }),
      (err: { responseCode?: number }) => err.responseCode === 552);
      assert.equal((await thread(sent.caseNo)).messages.length, count);
    });

    it('takes the same message delivered twice once', async () => {
      const sent = await notifiedCase();
      const count = (await thread(sent.caseNo)).messages.length;
      const mail = { from: 'carla@example.com', to: sent.replyTo, subject: 'Re: twice',
        text: 'Only once, please.', messageId: `<twice.${dialect}@example.com>` };
      await customerMail.sendMail(mail);
      await customerMail.sendMail(mail);
      assert.equal((await thread(sent.caseNo)).messages.length, count + 1);
    });

    it('takes raw mail over HTTP with the inbound token, and refuses a wrong token', async () => {
      const sent = await notifiedCase();
      const raw = [`From: carla@example.com`, `To: ${sent.replyTo}`, 'Subject: Re: web',
        `Message-ID: <http.${dialect}@example.com>`, 'Content-Type: text/plain', '',
        'Sent through the provider.', ''].join('\r\n');
      const poster = new Client(t.app);
      const headers = { 'content-type': 'message/rfc822' };
      const wrong = await poster.send('POST', '/api/v1/mail/inbound/not-the-token', raw, headers);
      assert.equal(wrong.status, 401);
      const ok = await poster.send('POST', `/api/v1/mail/inbound/${INBOUND_TOKEN}`, raw, headers);
      assert.equal(ok.status, 200);
      assert.equal(ok.body.status, 'joined');
      assert.equal((await thread(sent.caseNo)).messages.at(-1).body, 'Sent through the provider.');
      const garbage = await poster.send('POST', `/api/v1/mail/inbound/${INBOUND_TOKEN}`,
        '\u0001\u0002 not mail', headers);
      assert.equal(garbage.status, 400);

      // A reply with a subject and no text at all waits in triage, not refused or joined.
      const bare = [`From: carla@example.com`, `To: ${sent.replyTo}`, 'Subject: See subject',
        `Message-ID: <bare.${dialect}@example.com>`, '', ''].join('\r\n');
      const waited = await poster.send('POST', `/api/v1/mail/inbound/${INBOUND_TOKEN}`, bare,
        headers);
      assert.deepEqual([waited.status, waited.body.status], [200, 'triage']);
      const entry = (await signed.admin.get('/api/v1/mail/triage')).body.items
        .find((i: { subject: string }) => i.subject === 'See subject');
      assert.equal(entry?.reason, 'no text');
    });
  });
}
