/**
 * Admin → Telephony in a real Chromium against a real server on SQLite: the
 * webhook URL is shown and copied, Rotate asks first and then the old URL stops
 * working, call routes are added (a duplicate is refused) and removed, and
 * blocked numbers are added (a call from one is turned away) and removed.
 * Agents get no Telephony link. The steps share one server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { addStaffMember, signUpAccount } from '../support/app.js';
import {
  isFocused, keepScreenshot, newStaffPage, signIn, startRig, type BrowserRig, type Credentials,
} from './helpers.js';

const ADMIN = { email: 'ada@phones.test', password: 'correct horse battery' };
const BLOCKED = '+1 (646) 555-0142';

function navLink(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
}

/**
 * The server names itself by PUBLIC_URL, which in tests holds port 0 (the port is chosen
 * when it listens); so the PBX here posts to the shown URL's path on the rig's origin.
 */
function onRig(origin: string, url: string): string {
  return origin + new URL(url).pathname;
}

async function ring(url: string, from: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ event: 'newCall', direction: 'in', from, callId: `${from}-${url}` }) });
  return { status: res.status, body: await res.json() };
}

describe('admin telephony page in the browser (sqlite)', () => {
  let rig: BrowserRig;
  let who: Credentials;
  let agent: Credentials;
  let page: Page;
  let department: { id: number; name: string };
  let firstUrl = '';

  before(async () => {
    rig = await startRig('sqlite');
    const signed = await signUpAccount(rig.t.app, { adminEmail: ADMIN.email,
      password: ADMIN.password });
    who = { account: signed.account.slug, ...ADMIN };
    department = signed.user.department;
    const member = await addStaffMember(signed.admin, signed.account,
      { departmentId: signed.user.department.id });
    agent = { account: signed.account.slug, email: member.email, password: member.password };
    page = await newStaffPage(rig);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'],
      { origin: rig.origin });
    await signIn(page, rig.origin, who);
  });
  after(async () => { await rig?.close(); });

  it('shows the webhook URL, and Copy puts it on the clipboard', async () => {
    await navLink(page, 'Telephony').click();
    await page.getByRole('heading', { level: 1, name: 'Telephony' }).waitFor();
    const field = page.getByLabel('Webhook URL', { exact: true });
    await page.waitForFunction('document.querySelector("[data-webhook-url]")?.value');
    firstUrl = await field.inputValue();
    assert.match(firstUrl, /^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/cti\/[A-Za-z0-9_-]{20,}$/);
    assert.deepEqual(await ring(onRig(rig.origin, firstUrl), '+12125550100'),
      { status: 200, body: {} });

    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await page.getByText('Webhook URL copied.').waitFor();
    assert.equal(await page.evaluate('navigator.clipboard.readText()'), firstUrl);
  });

  it('Rotate asks first; confirmed, the URL changes and the old one is refused', async () => {
    const field = page.getByLabel('Webhook URL', { exact: true });
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.getByRole('button', { name: 'Rotate', exact: true }).click();
    assert.equal(await field.inputValue(), firstUrl, 'a dismissed question changes nothing');

    let question = '';
    page.once('dialog', (dialog) => {
      question = dialog.message();
      void dialog.accept();
    });
    await page.getByRole('button', { name: 'Rotate', exact: true }).click();
    await page.getByText('A new webhook URL is in place', { exact: false }).waitFor();
    assert.match(question, /stops working/);
    const secondUrl = await field.inputValue();
    assert.notEqual(secondUrl, firstUrl);
    assert.equal((await ring(onRig(rig.origin, firstUrl), '+12125550101')).status, 401);
    assert.equal((await ring(onRig(rig.origin, secondUrl), '+12125550102')).status, 200);
  });

  it('a blocked number is listed, its calls are turned away, and Unblock removes it',
    async () => {
      await page.getByLabel('Number', { exact: true }).fill(BLOCKED);
      await page.getByLabel('Note', { exact: true }).fill('Robocaller 🤖 every morning');
      await page.getByRole('button', { name: 'Block number' }).click();
      const row = page.getByTestId('blocked-row').filter({ hasText: BLOCKED });
      await row.waitFor();
      assert.match(await row.innerText(), /\+16465550142[\s\S]*Robocaller 🤖 every morning/);
      assert.equal(await page.getByLabel('Number', { exact: true }).inputValue(), '');
      const url = onRig(rig.origin,
        await page.getByLabel('Webhook URL', { exact: true }).inputValue());
      assert.deepEqual((await ring(url, '646.555.0142')).body,
        { action: 'reject', reason: 'busy' });

      // The same number written another way is refused, with the reason at the form.
      await page.getByLabel('Number', { exact: true }).fill('(646) 555 0142');
      await page.getByRole('button', { name: 'Block number' }).click();
      await page.getByRole('alert').getByText('That number is blocked already').waitFor();
      await keepScreenshot(page, 'telephony-page');

      await row.getByRole('button', { name: `Unblock ${BLOCKED}` }).click();
      await page.getByText('No number is blocked.').waitFor();
      assert.deepEqual((await ring(url, '646.555.0142')).body, {});
    });

  it('a call route is listed, a duplicate is refused, and Remove takes it away', async () => {
    await navLink(page, 'Telephony').click();
    const routes = page.getByRole('region', { name: 'Who gets calls' });
    await routes.getByText('No routes: every call rings for every signed-in member.').waitFor();
    const form = routes.getByRole('form', { name: 'Add a call route' });
    const value = form.getByLabel('is', { exact: true });

    // Only blanks: the server's message for `value` shows at the field.
    await value.fill('   ');
    await form.getByRole('button', { name: 'Add route' }).click();
    await form.locator('.field-invalid .field-error').waitFor();
    assert.equal(await value.getAttribute('aria-invalid'), 'true');

    await form.getByLabel("When the call's", { exact: true }).selectOption({ label: 'queue' });
    await value.fill('sales');
    assert.equal(await form.getByLabel('A department', { exact: true }).isChecked(), true);
    await form.getByLabel('Department', { exact: true })
      .selectOption({ label: department.name });
    await form.getByRole('button', { name: 'Add route' }).click();
    const row = routes.getByTestId('route-row');
    await row.waitFor();
    const cells = await row.getByRole('cell').allInnerTexts();
    assert.deepEqual(cells.slice(0, 3).map((text) => text.trim()),
      ['queue', 'sales', `${department.name} (department)`]);
    assert.deepEqual(await routes.getByRole('columnheader').allInnerTexts(),
      ["When the call's", 'is', 'it rings for', 'Actions']);
    assert.equal(await value.inputValue(), '');
    assert.equal(await value.getAttribute('aria-invalid'), null);

    await value.fill('sales');
    await form.getByRole('button', { name: 'Add route' }).click();
    const refused = form.getByRole('alert');
    await refused.waitFor();
    assert.notEqual((await refused.innerText()).trim(), '');
    assert.equal(await row.count(), 1, 'the duplicate is not listed');
    await keepScreenshot(page, 'telephony-routes');

    await row.getByRole('button', { name: 'Remove route for queue sales' }).click();
    await routes.getByText('No routes: every call rings for every signed-in member.').waitFor();
    assert.equal(await row.count(), 0);
    assert.ok(await isFocused(routes.getByRole('heading', { level: 2, name: 'Who gets calls' })),
      'focus stays in the section when the row goes');
  });

  it('an agent has no Telephony link and no Phone-system settings', async () => {
    const agentPage = await newStaffPage(rig);
    await signIn(agentPage, rig.origin, agent);
    await navLink(agentPage, 'Phone').waitFor();
    assert.equal(await navLink(agentPage, 'Telephony').count(), 0);
    await agentPage.goto(`${rig.origin}/admin/telephony`);
    await agentPage.getByText('Only admins can see this page.').waitFor();
    await agentPage.context().close();
  });
});
