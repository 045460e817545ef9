/**
 * The phone panel in a real Chromium against a real server on SQLite, fed by
 * the CTI webhook as a PBX would post to it: an agent on the desk sees a call
 * from a customer's number (written another way) pop with the customer's open
 * cases in every department, follows the call as it is answered and ends,
 * opens a case for the caller, sees withheld and unknown callers for what they
 * are, and finds a cancelled call marked missed in the call log. The desk and a
 * case page update live when a message is added elsewhere. The steps share
 * one server and run in order.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import {
  addDepartment, addStaffMember, openCase, signUpAccount, type Client,
} from '../support/app.js';
import {
  horizontalOverflow, isFocused, keepScreenshot, newStaffPage, searchDesk, signIn, startRig,
  UI_TIMEOUT_MS, type BrowserRig,
} from './helpers.js';

const CUSTOMER = { name: 'Carla Customer', phone: '+1 (212) 555-0161' };
const CALLER = '212.555.0161';
const UNKNOWN = '+44 20 7946 0018';
const SUBJECT = 'Router keeps dropping the line';
const SALES_SUBJECT = 'Quote for the fibre upgrade';
const POP_WITHIN_MS = 2_000;

type CtiEvent = Record<string, string>;

function navLink(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
}

function pop(page: Page, callId: string): Locator {
  return page.getByRole('complementary', { name: 'Calls' })
    .locator(`[data-testid="call-card"][data-call-id="${callId}"]`);
}

async function waitUntil(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('phone panel and live updates in the browser (sqlite)', () => {
  let rig: BrowserRig;
  let admin: Client;
  let page: Page;
  let hook = '';
  let customerNo = 0;
  let deskCase = 0;
  let newerCase = 0;
  let salesCase = 0;

  /** Posts one event to the webhook as the PBX does, over real HTTP. */
  async function cti(event: CtiEvent): Promise<void> {
    const res = await fetch(hook, { method: 'POST', body: JSON.stringify({ direction: 'in',
      ...event }), headers: { 'content-type': 'application/json' } });
    assert.equal(res.status, 200, await res.text());
  }

  before(async () => {
    rig = await startRig('sqlite');
    const signed = await signUpAccount(rig.t.app, { defaultRegion: 'US' });
    admin = signed.admin;
    const agent = await addStaffMember(admin, signed.account,
      { departmentId: signed.user.department.id, name: 'Ben Agent' });
    const sales = await addDepartment(admin, 'Sales');
    const seller = await addStaffMember(admin, signed.account, { departmentId: sales.id });

    const first = await openCase(admin, { subject: SUBJECT,
      customer: { name: CUSTOMER.name, phones: [CUSTOMER.phone] } });
    deskCase = first.caseNo;
    customerNo = first.customer.customerNo;
    salesCase = (await openCase(seller.client, { subject: SALES_SUBJECT, customer: undefined,
      customerNo })).caseNo;
    newerCase = (await openCase(admin, { subject: 'Invoice address change',
      customer: { name: 'Dora Other' } })).caseNo;

    hook = `${rig.origin}/api/v1/cti/${(await admin.get('/api/v1/telephony')).body.token}`;
    page = await newStaffPage(rig);
    await signIn(page, rig.origin, { account: signed.account.slug, email: agent.email,
      password: agent.password });
  });
  after(async () => { await rig?.close(); });

  it('a call from the customer\'s number written another way pops their open cases in 2 s',
    async () => {
      const started = Date.now();
      await cti({ event: 'newCall', from: CALLER, to: '+15550000', callId: 'c1' });
      const card = pop(page, 'c1');
      await card.getByRole('link', { name: `#${deskCase} ${SUBJECT}` })
        .waitFor({ timeout: POP_WITHIN_MS });
      assert.ok(Date.now() - started <= POP_WITHIN_MS, `popped after ${Date.now() - started} ms`);

      const match = card.getByTestId('call-match');
      assert.equal(await match.getAttribute('data-customer-no'), String(customerNo));
      assert.match(await match.innerText(), new RegExp(CUSTOMER.name));
      // Cases of every department, each labelled with its department.
      const sales = match.locator('.call-cases > li').filter({ hasText: SALES_SUBJECT });
      const label = `#${salesCase} ${SALES_SUBJECT} (Sales)`;
      assert.equal((await sales.innerText()).trim(), label);
      assert.match(await card.getByRole('heading').innerText(), /Call from 212\.555\.0161/);
      assert.equal(await card.getByTestId('call-state').innerText(), 'Ringing');
      await keepScreenshot(page, 'call-pop');
    });

  it('clicking a case in the pop opens that case', async () => {
    await pop(page, 'c1').getByRole('link', { name: `#${deskCase} ${SUBJECT}` }).click();
    await page.waitForURL(`${rig.origin}/cases/${deskCase}`);
    await page.getByRole('heading', { level: 1, name: `Case #${deskCase}: ${SUBJECT}` })
      .waitFor();
    assert.equal(await pop(page, 'c1').count(), 1, 'the pop stays while the call goes on');
  });

  it('answering and hanging up change the same pop in place', async () => {
    const card = pop(page, 'c1');
    await cti({ event: 'answer', callId: 'c1', answeringNumber: '201' });
    await page.locator('[data-call-id="c1"][data-state="answered"]').waitFor();
    assert.equal(await card.getByTestId('answered-by').innerText(), 'Answered by 201');

    await cti({ event: 'hangup', callId: 'c1', cause: 'normalClearing' });
    await page.locator('[data-call-id="c1"][data-state="ended"]').waitFor();
    assert.equal(await card.getByTestId('call-state').innerText(), 'Ended');
    assert.equal(await page.getByTestId('call-card').count(), 1, 'one card for the one call');
  });

  it('"New case for this caller" opens a new case with the customer and number filled in',
    async () => {
      await cti({ event: 'newCall', from: CALLER, callId: 'c2' });
      await pop(page, 'c2').getByRole('link', { name: 'New case for this caller' }).click();
      await page.waitForURL((url) => url.pathname === '/cases/new'
        && url.searchParams.get('customerNo') === String(customerNo));
      const picked = page.getByTestId('picked-customer');
      await picked.waitFor();
      assert.match(await picked.innerText(), new RegExp(CUSTOMER.name));
      const customer = page.getByRole('group', { name: 'Customer', exact: true });
      assert.equal(await customer.getByRole('radio', { name: 'Existing customer' }).isChecked(),
        true);
      assert.equal(await page.getByLabel('Find customer', { exact: true }).inputValue(), CALLER);

      // Dismissed from the keyboard, focus moves on to the card left (the ended call).
      const dismiss = pop(page, 'c2').getByRole('button', { name: `Dismiss call from ${CALLER}` });
      await dismiss.focus();
      await dismiss.press('Enter');
      assert.equal(await pop(page, 'c2').count(), 0);
      assert.equal(await isFocused(pop(page, 'c1').getByRole('button', { name: /^Dismiss/ })),
        true, 'focus is on the next Dismiss');
    });

  it('a withheld call pops as "Withheld number"; an unknown one offers "New customer"',
    async () => {
      await cti({ event: 'newCall', from: 'anonymous', callId: 'c3' });
      const withheld = pop(page, 'c3');
      await withheld.waitFor();
      assert.equal(await withheld.getByRole('heading').innerText(), 'Call from Withheld number');
      assert.equal(await withheld.getByTestId('call-match').count(), 0);

      await cti({ event: 'newCall', from: UNKNOWN, callId: 'c4' });
      const unknown = pop(page, 'c4');
      await unknown.getByText('Unknown number: no customer has it.').waitFor();
      await page.setViewportSize({ width: 375, height: 800 });
      const doc = await horizontalOverflow(page);
      assert.ok(doc.scroll <= doc.client, `pops make the page ${doc.scroll} px wide`);
      await keepScreenshot(page, 'call-pop-narrow');
      await page.setViewportSize({ width: 1280, height: 900 });

      await unknown.getByRole('link', { name: 'New customer' }).click();
      await page.waitForURL((url) => url.searchParams.get('phone') === UNKNOWN);
      const customer = page.getByRole('group', { name: 'Customer', exact: true });
      await page.getByLabel('Phone', { exact: true }).waitFor();
      assert.equal(await customer.getByRole('radio', { name: 'New customer' }).isChecked(), true);
      assert.equal(await page.getByLabel('Phone', { exact: true }).inputValue(), UNKNOWN);
    });

  it('the call log on /phone marks a cancelled unanswered call missed, live', async () => {
    await navLink(page, 'Phone').click();
    await page.getByRole('heading', { level: 1, name: 'Phone' }).waitFor();
    const row = (id: string) => page.locator(`[data-testid="call-row"][data-call-id="${id}"]`);
    await row('c1').waitFor();
    assert.match(await row('c1').innerText(), /Ended[\s\S]*201/);
    assert.equal(await page.getByRole('complementary', { name: 'Calls' }).count(), 0,
      'the Phone page shows calls itself, without the pop-up');
    const now = page.getByRole('region', { name: 'Calls now' });
    await now.locator('[data-call-id="c3"]').waitFor();

    await cti({ event: 'newCall', from: UNKNOWN, callId: 'c5' });
    await row('c5').waitFor();
    await cti({ event: 'hangup', callId: 'c5', cause: 'cancel' });
    await page.locator('[data-testid="call-row"][data-call-id="c5"][data-missed="true"]')
      .waitFor();
    assert.equal(await row('c5').getByTestId('call-state').innerText(), 'Missed');
    assert.equal(await row('c1').getAttribute('data-missed'), 'false');
    await keepScreenshot(page, 'phone-page');
  });

  it('the desk moves a case to the top when a message is added elsewhere, keeping typing',
    async () => {
      await navLink(page, 'Desk').click();
      const rows = page.getByTestId('case-row');
      await rows.first().waitFor();
      assert.equal(await rows.first().getAttribute('data-case-no'), String(newerCase));
      await page.evaluate('window.stillTheSamePage = true');
      const search = page.getByLabel('Search', { exact: true });
      await search.fill('half-typed sear');

      const added = await admin.post(`/api/v1/cases/${deskCase}/messages`,
        { body: 'Engineer booked for Friday.', visibility: 'private' });
      assert.equal(added.status, 201);
      await waitUntil('the case with the new message is on top',
        async () => (await rows.first().getAttribute('data-case-no')) === String(deskCase));
      assert.equal(await search.inputValue(), 'half-typed sear');
      assert.equal(await page.evaluate('window.stillTheSamePage'), true, 'the page reloaded');
    });

  it('a case of another department opened by its Case # shows a new message live',
    async () => {
      // Reached inside the app, so only a live event can bring the message in.
      await searchDesk(page, `#${salesCase}`);
      await page.locator(`[data-testid="case-row"][data-case-no="${salesCase}"]`)
        .getByRole('link', { name: `#${salesCase}` }).click();
      await page.getByRole('heading', { level: 1, name: `Case #${salesCase}: ${SALES_SUBJECT}` })
        .waitFor();
      await page.getByTestId('message').first().waitFor();
      const draft = page.getByRole('form', { name: 'Add a message' })
        .getByLabel('Message', { exact: true });
      await draft.fill('Half a reply');

      await admin.post(`/api/v1/cases/${salesCase}/messages`,
        { body: 'Sales sent the quote by post.', visibility: 'public' });
      await page.getByTestId('message').filter({ hasText: 'Sales sent the quote by post.' })
        .waitFor();
      assert.equal(await page.getByTestId('message').count(), 2);
      assert.equal(await draft.inputValue(), 'Half a reply');
    });
});
