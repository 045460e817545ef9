/**
 * Admin → Incoming mail in a real Chromium against a real server on SQLite: older
 * mail comes with "Show older"; an admin opens one mail as a case in another
 * department and follows the link to the case, which shows the mail as its
 * message; another mail is dismissed only once the admin confirms. The steps share
 * one server; mail comes in over the HTTP webhook.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { Client, addDepartment, signUpAccount, type SignedUp } from '../support/app.js';
import { keepScreenshot, newStaffPage, signIn, startRig, type BrowserRig } from './helpers.js';

const ADMIN = { email: 'ada@triage.test', password: 'correct horse battery' };
const INBOUND_TOKEN = 'inbound-token-for-browser-triage-01';
const OPENED = { subject: 'Kettle arrived broken', text: 'The lid came off in the box.' };
const DISMISSED = { subject: 'Win a cruise today' };
/** More than the first page holds (50), so "Show older" appears. */
const FILLERS = 51;

function navLink(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
}

describe('admin incoming mail page in the browser (sqlite)', () => {
  let rig: BrowserRig;
  let signed: SignedUp;
  let page: Page;
  let sales: { id: number; name: string };

  async function deliver(subject: string, text = 'Hello.', from = 'someone@example.com') {
    const raw = [`From: ${from}`, `To: cases+${signed.account.slug}@mail.caseline.test`,
      `Subject: ${subject}`, 'Content-Type: text/plain; charset=utf-8', '', text, '']
      .join('\r\n');
    const res = await new Client(rig.t.app).send('POST',
      `/api/v1/mail/inbound/${INBOUND_TOKEN}`, raw, { 'content-type': 'message/rfc822' });
    assert.equal(res.body.status, 'triage');
  }

  const row = (subject: string) => page.getByTestId('triage-row').filter({ hasText: subject });

  before(async () => {
    rig = await startRig('sqlite', {
      MAIL_REPLY_ADDRESS: 'cases@mail.caseline.test', MAIL_IN_TOKEN: INBOUND_TOKEN,
    });
    signed = await signUpAccount(rig.t.app, { adminEmail: ADMIN.email,
      password: ADMIN.password });
    sales = await addDepartment(signed.admin, 'Sales');
    for (let i = 1; i <= FILLERS; i++) await deliver(`Old mail ${i}`);
    await deliver(DISMISSED.subject, 'Click here.', 'prizes@example.com');
    await deliver(OPENED.subject, OPENED.text, 'Kim Buyer <kim@example.com>');
    page = await newStaffPage(rig);
    await signIn(page, rig.origin, { account: signed.account.slug, ...ADMIN });
  });
  after(async () => { await rig?.close(); });

  it('lists the newest mail first and shows older mail on demand', async () => {
    await navLink(page, 'Incoming mail').click();
    await page.getByRole('heading', { level: 1, name: 'Incoming mail' }).waitFor();
    await row(OPENED.subject).waitFor();
    const rows = page.getByTestId('triage-row');
    assert.equal(await rows.count(), 50);
    await page.getByRole('button', { name: 'Show older' }).click();
    // Waits for the last row itself: a text match could find page one's rows.
    await rows.nth(FILLERS + 1).waitFor();
    assert.equal(await rows.count(), FILLERS + 2);
    assert.equal(await page.getByRole('button', { name: /Show older|Loading/ }).count(), 0);
  });

  it('opens a mail as a case in the chosen department and links to it', async () => {
    const entry = row(OPENED.subject);
    const department = entry.getByLabel('Department', { exact: true });
    assert.equal(await department.inputValue(), String(signed.user.department.id),
      "the admin's own department comes first");
    await department.selectOption({ label: sales.name });
    await entry.getByRole('button', { name: 'Open as a case' }).click();
    const link = entry.getByRole('link', { name: /^Case #\d+$/ });
    await link.waitFor();
    await keepScreenshot(page, 'triage-opened');

    await link.click();
    await page.getByRole('heading', { level: 1, name: new RegExp(OPENED.subject) }).waitFor();
    const message = page.getByTestId('message').filter({ hasText: OPENED.text });
    await message.waitFor();
    assert.match(await message.innerText(), /Kim Buyer/);
    const caseNo = Number(new URL(page.url()).pathname.split('/').pop());
    const c = (await signed.admin.get(`/api/v1/cases/${caseNo}`)).body;
    assert.equal(c.department.id, sales.id);
    assert.equal(c.customer.emails[0], 'kim@example.com');
  });

  it('dismisses a mail only after the admin confirms', async () => {
    await navLink(page, 'Incoming mail').click();
    await row(DISMISSED.subject).waitFor();
    assert.equal(await row(OPENED.subject).count(), 0, 'the opened mail left triage');
    const dismiss = () => row(DISMISSED.subject).getByRole('button', { name: /^Dismiss/ })
      .click();

    page.once('dialog', (dialog) => void dialog.dismiss());
    await dismiss();
    assert.equal(await row(DISMISSED.subject).count(), 1, 'a cancelled question changes nothing');

    let question = '';
    page.once('dialog', (dialog) => {
      question = dialog.message();
      void dialog.accept();
    });
    await dismiss();
    await row(DISMISSED.subject).waitFor({ state: 'detached' });
    assert.match(question, /Dismiss this mail\?/);
    const left = (await signed.admin.get('/api/v1/mail/triage?limit=200')).body.items;
    assert.ok(!left.some((m: { subject: string }) => m.subject === DISMISSED.subject));
    assert.equal(left.length, FILLERS);
  });
});
