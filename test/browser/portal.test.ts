/**
 * The customer portal in a real Chromium against a real server on SQLite, with a
 * real SMTP server on 127.0.0.1 receiving what Caseline sends. Staff invite the
 * customer from the case page; the customer follows the mailed link in a browser
 * of their own, reads the public thread (never the private or supervisor notes)
 * and replies; staff see the reply, then revoke the pairing and the customer is signed out
 * from the portal. The steps run in order and share one server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { openCase, signUpAccount, type Client } from '../support/app.js';
import { startTestSmtpServer, type ReceivedMail, type TestSmtpServer } from '../support/smtp.js';
import {
  horizontalOverflow, keepScreenshot, newStaffPage, signIn, startRig, type BrowserRig,
  type Credentials,
} from './helpers.js';

const ADMIN = { email: 'ada@portal.test', password: 'correct horse battery' };
const CUSTOMER = { name: 'Carla Customer', email: 'carla@example.com' };
const SUBJECT = 'Invoice charged twice';
const TEXT = {
  opened: 'We have your question about the invoice.',
  invite: 'You can follow this case online now.',
  reply: 'Thank you!\nThe invoice number is 4471.',
  private: 'Privatenote4417 check the refund limit',
  supervisor: 'Supervisornote9923 third complaint this month',
};
const FAILED = 'This link or code does not work. It may have been used already or expired.';
const LINK_SENT = 'If that address follows cases with us, we have sent it a sign-in link. '
  + 'It works once, for an hour.';

/** The path and query of the first link in the mail's text to `path` (any host). */
function linkIn(mail: ReceivedMail, path: string): string {
  const text = mail.parsed.text ?? '';
  const found = new RegExp(`https?://\\S+${path}\\?token=[A-Za-z0-9_-]+`).exec(text);
  assert.ok(found, `the mail holds a ${path} link:\n${text}`);
  const url = new URL(found[0]);
  return url.pathname + url.search;
}

function pairingCode(mail: ReceivedMail): string {
  const code = /Pairing code: ([A-Z0-9]+)/.exec(mail.parsed.text ?? '')?.[1];
  assert.ok(code, 'the pairing mail holds a code');
  return code;
}

async function bodies(page: Page): Promise<string[]> {
  const messages = await page.getByTestId('message').locator('.message-body').all();
  return Promise.all(messages.map((m) => m.innerText()));
}

async function assertNoNotes(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  for (const word of ['Privatenote4417', 'Supervisornote9923']) {
    assert.ok(!text.includes(word), `${word} is shown in the portal`);
  }
}

describe('customer portal in the browser (sqlite)', () => {
  let smtp: TestSmtpServer;
  let rig: BrowserRig;
  let admin: Client;
  let who: Credentials;
  let caseNo = 0;
  let staff: Page;
  let customer: Page;
  let pairLink = '';
  let code = '';

  before(async () => {
    smtp = await startTestSmtpServer();
    rig = await startRig('sqlite', { SMTP_URL: smtp.url, MAIL_POLL_MS: '100' });
    const signed = await signUpAccount(rig.t.app, { adminEmail: ADMIN.email,
      password: ADMIN.password });
    admin = signed.admin;
    who = { account: signed.account.slug, ...ADMIN };
    const created = await openCase(admin, {
      subject: SUBJECT, customer: { name: CUSTOMER.name, emails: [CUSTOMER.email] },
      message: { body: TEXT.opened, visibility: 'public' },
    });
    caseNo = created.caseNo;
    for (const level of ['private', 'supervisor'] as const) {
      const res = await admin.post(`/api/v1/cases/${caseNo}/messages`,
        { body: TEXT[level], visibility: level });
      assert.equal(res.status, 201, String(res.raw));
    }
    staff = await newStaffPage(rig);
    await signIn(staff, rig.origin, who);
  });
  after(async () => {
    await rig?.close();
    await smtp?.close();
  });

  it('staff tick "Send case pairing instruction" on a public message and see it queued',
    async () => {
      await staff.goto(`${rig.origin}/cases/${caseNo}`);
      const composer = staff.getByRole('form', { name: 'Add a message' });
      const option = composer.getByLabel('Send case pairing instruction', { exact: true });
      await composer.getByRole('radio', { name: 'Private' }).check();
      assert.equal(await option.count(), 0, 'no mail options for a private message');
      await composer.getByRole('radio', { name: 'Public' }).check();
      await composer.getByLabel('Message', { exact: true }).fill(TEXT.invite);
      await option.check();
      await composer.getByRole('button', { name: 'Add message' }).click();

      const queued = staff.getByTestId('mail-queued');
      await queued.waitFor();
      assert.equal((await queued.innerText()).trim(),
        `Pairing instruction queued for ${CUSTOMER.email}`);
      const pairing = staff.getByTestId('pairing');
      await pairing.waitFor();
      assert.equal(await pairing.getAttribute('data-state'), 'waiting');
      assert.match(await pairing.innerText(), /carla@example\.com\s+Invitation sent .+, expires/);
    });

  it('the mailed link opens the case for the customer: public messages only, no staff bar',
    async () => {
      const [mail] = await smtp.waitFor(1);
      assert.ok(mail);
      assert.deepEqual(mail.envelope.to, [CUSTOMER.email]);
      pairLink = linkIn(mail, '/portal/pair');
      code = pairingCode(mail);

      customer = await newStaffPage(rig);
      await customer.goto(rig.origin + pairLink);
      await customer.waitForURL(`${rig.origin}/portal/cases/${caseNo}`);
      await customer.getByRole('heading', { level: 1, name: `Case #${caseNo}: ${SUBJECT}` })
        .waitFor();
      await customer.getByTestId('message').first().waitFor();
      assert.deepEqual(await bodies(customer), [TEXT.opened, TEXT.invite]);
      await assertNoNotes(customer);
      assert.equal(await customer.getByTestId('case-status').innerText(), 'Open');
      assert.equal(await customer.getByRole('navigation', { name: 'Main' }).count(), 0);
      assert.equal(await customer.getByRole('link', { name: 'Desk' }).count(), 0);
      await customer.getByRole('button', { name: 'Sign out' }).waitFor();
    });

  it('the customer replies from the keyboard; line breaks stay; staff see it after reload',
    async () => {
      const box = customer.getByLabel('Write a reply', { exact: true });
      await box.fill(TEXT.reply);
      await customer.keyboard.press('Tab');
      await customer.keyboard.press('Enter');
      await customer.getByRole('status').getByText('Reply sent.').waitFor();
      assert.deepEqual(await bodies(customer), [TEXT.opened, TEXT.invite, TEXT.reply]);
      assert.equal(await box.inputValue(), '');
      await keepScreenshot(customer, 'portal-case');
      await customer.setViewportSize({ width: 375, height: 800 });
      const doc = await horizontalOverflow(customer);
      assert.ok(doc.scroll <= doc.client, `portal is ${doc.scroll} px wide in ${doc.client} px`);

      await staff.reload();
      const reply = staff.getByTestId('message').filter({ hasText: 'invoice number is 4471' });
      await reply.waitFor();
      assert.equal(await reply.getAttribute('data-visibility'), 'public');
      assert.match(await reply.innerText(), /\(customer\)/);
      assert.equal(await reply.locator('.message-body').innerText(), TEXT.reply);
      const pairing = staff.getByTestId('pairing');
      assert.equal(await pairing.getAttribute('data-state'), 'active');
      assert.match(await pairing.innerText(), /Paired .+, last seen .+/);
      await keepScreenshot(staff, 'case-page-customer-access');
    });

  it('the link opened a second time, and its code typed in, fail with the plain message',
    async () => {
      const stranger = await newStaffPage(rig);
      try {
        await stranger.goto(rig.origin + pairLink);
        const alert = stranger.getByRole('alert');
        await alert.waitFor();
        assert.equal((await alert.innerText()).trim(), FAILED);
        await stranger.getByRole('link', { name: 'Go to the customer portal' }).click();
        await stranger.waitForURL(`${rig.origin}/portal`);

        const form = stranger.getByRole('form', { name: 'Follow a case' });
        await form.getByLabel('Account', { exact: true }).fill(who.account);
        await form.getByLabel('Case #', { exact: true }).fill(`#${caseNo}`);
        await form.getByLabel('Pairing code', { exact: true }).fill(code);
        await form.getByRole('button', { name: 'Follow case' }).click();
        const refused = form.getByRole('alert');
        await refused.waitFor();
        assert.equal((await refused.innerText()).trim(), FAILED);
      } finally {
        await stranger.context().close();
      }
    });

  it('"Sign in by e-mail" mails a one-time link that opens the case; Sign out leaves',
    async () => {
      const other = await newStaffPage(rig);
      try {
        await other.goto(`${rig.origin}/portal`);
        await keepScreenshot(other, 'portal-sign-in');
        const form = other.getByRole('form', { name: 'Sign in by e-mail' });
        await form.getByLabel('Account', { exact: true }).fill(who.account);
        await form.getByLabel('E-mail', { exact: true }).fill(CUSTOMER.email);
        await form.getByRole('button', { name: 'Send sign-in link' }).click();
        assert.equal((await form.getByRole('status').innerText()).trim(), LINK_SENT);

        const mail = (await smtp.waitFor(2))[1];
        assert.ok(mail);
        assert.deepEqual(mail.envelope.to, [CUSTOMER.email]);
        await other.goto(rig.origin + linkIn(mail, '/portal/session'));
        await other.waitForURL(`${rig.origin}/portal/cases/${caseNo}`);
        await other.getByTestId('message').first().waitFor();
        await assertNoNotes(other);

        await other.getByRole('button', { name: 'Sign out' }).click();
        await other.waitForURL(`${rig.origin}/portal`);
        await other.getByRole('form', { name: 'Follow a case' }).waitFor();
        await other.goto(`${rig.origin}/portal/cases`);
        await other.waitForURL(`${rig.origin}/portal`);
      } finally {
        await other.context().close();
      }
    });

  it('staff revoke the pairing in Customer access; the customer is signed out of the case',
    async () => {
      staff.once('dialog', (dialog) => void dialog.accept());
      await staff.getByRole('button', { name: `Revoke access for ${CUSTOMER.email}` }).click();
      await staff.getByText('No one follows this case online.', { exact: false }).waitFor();
      assert.equal(await staff.getByTestId('pairing').count(), 0);

      // Revoking signs the address out of the portal: the reload lands on the sign-in page.
      await customer.reload();
      await customer.getByRole('heading', { name: 'Follow a case' }).waitFor();
      assert.equal(new URL(customer.url()).pathname, '/portal');
      await assertNoNotes(customer);
      assert.equal(await customer.getByTestId('message').count(), 0);
    });

  it('the admin\'s Outbox lists the pairing mail as sent; Incoming mail opens', async () => {
    await staff.setViewportSize({ width: 1280, height: 900 });
    const nav = staff.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Outbox', exact: true }).click();
    const row = staff.locator('[data-testid="outbox-row"][data-kind="pairing_instruction"]');
    await row.waitFor();
    // The worker marks the row a moment after the SMTP server took the mail.
    for (let i = 0; i < 50 && (await row.getAttribute('data-status')) !== 'sent'; i++) {
      await staff.getByRole('button', { name: 'Refresh' }).click();
      await staff.waitForTimeout(100);
    }
    assert.equal(await row.getAttribute('data-status'), 'sent');
    assert.match(await row.innerText(), /Pairing instruction\s+carla@example\.com.+Sent/s);
    assert.equal(await row.getByRole('button', { name: /Retry/ }).count(), 0);
    assert.equal(await staff.getByTestId('outbox-note').count(), 0, 'mail has been sent');
    await keepScreenshot(staff, 'outbox');

    await nav.getByRole('link', { name: 'Incoming mail', exact: true }).click();
    await staff.getByRole('heading', { level: 1, name: 'Incoming mail' }).waitFor();
    await staff.getByText('No incoming mail is waiting.').waitFor();
  });
});
