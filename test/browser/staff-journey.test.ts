/**
 * A company's first day in the staff web app, in a real Chromium against a real
 * server on SQLite: sign-up, departments and staff, a case for a new customer
 * with messages of all three visibilities, search, close and reopen, print; then
 * an agent of another department reads the same case by its Case #.
 * The steps run in order and share one server, as one working day would.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  keepScreenshot, newStaffPage, searchDesk, signIn, startRig, type BrowserRig,
} from './helpers.js';

const ACCOUNT = { name: 'Harbour Lights Ltd', slug: 'harbour-lights' };
const RENAMED = 'Harbour Lights Group';
const ADMIN = { name: 'Ada Admin', email: 'ada@harbour.test', password: 'correct horse battery' };
const AGENT = { name: 'Bea Billing', email: 'bea@harbour.test', password: 'another long password' };
const CUSTOMER = { name: 'Carla Customer', phone: '+1 (212) 555-0161', email: 'carla@example.com' };
const SUBJECT = 'Router keeps dropping the line';
const TEXT = {
  public: 'Customer says the router drops the line every evening.',
  private: 'Line test booked with the carrier for Thursday.',
  supervisor: 'Third complaint this month: watch the refund limit.',
} as const;
type Level = keyof typeof TEXT;
const BADGE: Record<Level, string> = { public: 'Public', private: 'Private',
  supervisor: 'Supervisor' };

/** The message holding `text` shows its level in data-visibility and in its badge. */
async function expectMessage(page: Page, level: Level): Promise<void> {
  const message = page.getByTestId('message').filter({ hasText: TEXT[level] });
  await message.waitFor();
  assert.equal(await message.getAttribute('data-visibility'), level);
  assert.equal(await message.getByTestId('visibility-badge').textContent(), BADGE[level]);
}

async function visibleLevels(page: Page): Promise<string[]> {
  const messages = await page.getByTestId('message').all();
  return Promise.all(messages.map(async (m) => (await m.getAttribute('data-visibility')) ?? ''));
}

async function assertNoSupervisorText(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  assert.ok(!text.includes(TEXT.supervisor), 'the Supervisor message is shown to an agent');
}

async function historyTypes(page: Page): Promise<Array<string | null>> {
  const entries = await page.getByTestId('history-entry').all();
  return Promise.all(entries.map((entry) => entry.getAttribute('data-type')));
}

function navLink(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
}

function caseRow(page: Page, caseNo: number) {
  return page.locator(`[data-testid="case-row"][data-case-no="${caseNo}"]`);
}

describe('staff journey in the browser (sqlite)', () => {
  let rig: BrowserRig;
  let admin: Page;
  let agent: Page;
  let caseNo = 0;

  before(async () => {
    rig = await startRig('sqlite');
    admin = await newStaffPage(rig);
  });
  after(async () => { await rig?.close(); });

  it('sign-up creates the company and lands its admin on the desk with the account named',
    async () => {
      await admin.goto(`${rig.origin}/signup`);
      const field = (label: string) => admin.getByLabel(label, { exact: true });
      await field('Account name').fill(ACCOUNT.name);
      await field('Account slug').fill(ACCOUNT.slug);
      await field('Your name').fill(ADMIN.name);
      await field('E-mail').fill(ADMIN.email);
      await field('Password').fill(ADMIN.password);
      await field('Default region').fill('US');
      await field('Time zone').fill('America/New_York');
      await admin.getByRole('button', { name: 'Sign up' }).click();
      await admin.getByRole('heading', { level: 1, name: 'Desk' }).waitFor();
      assert.equal(await admin.getByTestId('account-name').textContent(), ACCOUNT.name);
      assert.equal(await admin.getByTestId('user-name').textContent(), ADMIN.name);
    });

  it('the admin pages add the Billing department (Enter submits) and an agent in it',
    async () => {
      await navLink(admin, 'Departments').click();
      const name = admin.getByLabel('Department name', { exact: true });
      await name.fill('Billing');
      await name.press('Enter');
      await admin.getByTestId('department-row').filter({ hasText: 'Billing' }).waitFor();

      await navLink(admin, 'Staff').click();
      await admin.getByLabel('Name', { exact: true }).fill(AGENT.name);
      await admin.getByLabel('E-mail', { exact: true }).fill(AGENT.email);
      await admin.getByLabel('Password', { exact: true }).fill(AGENT.password);
      await admin.getByLabel('Department', { exact: true }).selectOption({ label: 'Billing' });
      assert.equal(await admin.getByLabel('Admin', { exact: true }).isChecked(), false);
      assert.equal(await admin.getByLabel('Supervisor', { exact: true }).isChecked(), false);
      await admin.getByRole('button', { name: 'Add staff member' }).click();
      const row = admin.getByTestId('staff-row').filter({ hasText: AGENT.email });
      await row.waitFor();
      assert.match((await row.textContent()) ?? '', /Billing · agent/);
    });

  it('a case for a customer the look-up does not find opens with a Public first message',
    async () => {
      await navLink(admin, 'New case').click();
      await admin.getByLabel('Find customer', { exact: true }).fill(CUSTOMER.phone);
      await admin.getByRole('button', { name: 'Look up' }).click();
      await admin.getByText(`No customer found by phone ${CUSTOMER.phone}.`).waitFor();
      // No match switches to "New customer" with the phone already typed in.
      const customer = admin.getByRole('group', { name: 'Customer', exact: true });
      assert.equal(await customer.getByRole('radio', { name: 'New customer' }).isChecked(), true);
      assert.equal(await admin.getByLabel('Phone', { exact: true }).inputValue(), CUSTOMER.phone);

      await admin.getByLabel('Name', { exact: true }).fill(CUSTOMER.name);
      await admin.getByLabel('E-mail', { exact: true }).fill(CUSTOMER.email);
      await admin.getByLabel('Subject', { exact: true }).fill(SUBJECT);
      assert.equal(await admin.getByLabel('Contact e-mail', { exact: true }).inputValue(),
        CUSTOMER.email);
      await admin.getByLabel('Message', { exact: true }).fill(TEXT.public);
      await admin.getByRole('group', { name: 'Visibility' })
        .getByRole('radio', { name: 'Public' }).check();
      await admin.getByRole('button', { name: 'Create case' }).click();

      await admin.waitForURL(/\/cases\/\d+$/);
      caseNo = Number(new URL(admin.url()).pathname.split('/').pop());
      await admin.getByRole('heading', { level: 1, name: `Case #${caseNo}: ${SUBJECT}`,
        exact: true }).waitFor();
      await expectMessage(admin, 'public');
      const details = admin.getByTestId('customer-details');
      assert.match((await details.textContent()) ?? '', /Carla Customer.*\+1 \(212\) 555-0161/);
    });

  it('Private and Supervisor messages added on the case page each show their own badge',
    async () => {
      const composer = admin.getByRole('form', { name: 'Add a message' });
      for (const level of ['private', 'supervisor'] as const) {
        await composer.getByLabel('Message', { exact: true }).fill(TEXT[level]);
        await composer.getByRole('group', { name: 'Visibility' })
          .getByRole('radio', { name: BADGE[level] }).check();
        await composer.getByRole('button', { name: 'Add message' }).click();
        await expectMessage(admin, level);
      }
      await expectMessage(admin, 'public');
      assert.deepEqual(await visibleLevels(admin), ['public', 'private', 'supervisor']);
    });

  it('the desk finds the case by its phone typed another way (212.555.0161)', async () => {
    await navLink(admin, 'Desk').click();
    await searchDesk(admin, '212.555.0161');
    await caseRow(admin, caseNo).waitFor();
    assert.equal(await admin.getByTestId('case-row').count(), 1);
  });

  it('closing shows Closed and takes the case off the open desk; reopening restores it',
    async () => {
      await caseRow(admin, caseNo).getByRole('link', { name: `#${caseNo}` }).click();
      await admin.getByRole('button', { name: 'Close case' }).click();
      await admin.getByRole('button', { name: 'Reopen case' }).waitFor();
      assert.equal(await admin.getByTestId('case-status').textContent(), 'Closed');

      await navLink(admin, 'Desk').click();
      await admin.getByTestId('case-count').getByText('No cases here right now.').waitFor();
      assert.equal(await caseRow(admin, caseNo).count(), 0);
      await admin.getByLabel('Status', { exact: true }).selectOption({ label: 'Closed' });
      await caseRow(admin, caseNo).getByRole('link', { name: `#${caseNo}` }).click();

      await admin.getByRole('button', { name: 'Reopen case' }).click();
      await admin.getByRole('button', { name: 'Close case' }).waitFor();
      assert.equal(await admin.getByTestId('case-status').textContent(), 'In Progress');
      await keepScreenshot(admin, 'case-page');
    });

  it('the print page holds all three messages and the opened/closed/reopened history',
    async () => {
      await admin.getByRole('link', { name: 'Print', exact: true }).click();
      await admin.waitForURL(`${rig.origin}/cases/${caseNo}/print`);
      await admin.getByRole('heading', { level: 1, name: `Case #${caseNo}: ${SUBJECT}` })
        .waitFor();
      for (const level of ['public', 'private', 'supervisor'] as const) {
        await expectMessage(admin, level);
      }
      assert.deepEqual(await historyTypes(admin), ['opened', 'closed', 'reopened']);
      assert.equal(await admin.getByRole('button', { name: 'Print' }).isEnabled(), true);
      await keepScreenshot(admin, 'print-page');

      // On paper the app around the case goes; the messages and history stay.
      // includeHidden: role queries skip hidden elements, which would make these pass vacuously.
      const topBar = admin.getByRole('banner', { includeHidden: true });
      const printButton = admin.getByRole('button', { name: 'Print', includeHidden: true });
      assert.equal(await topBar.isVisible(), true);
      await admin.emulateMedia({ media: 'print' });
      try {
        assert.equal(await topBar.isVisible(), false, 'the top bar is printed');
        assert.equal(await printButton.isVisible(), false, 'the Print button is printed');
        for (const m of await admin.getByTestId('message').all()) {
          assert.equal(await m.isVisible(), true, 'a message is missing on paper');
        }
        assert.equal(await admin.getByTestId('history-entry').last().isVisible(), true);
      } finally {
        await admin.emulateMedia({ media: 'screen' });
      }
    });

  it('renaming the account in Account settings renames it in the top bar at once',
    async () => {
      await navLink(admin, 'Account settings').click();
      const name = admin.getByLabel('Account name', { exact: true });
      assert.equal(await name.inputValue(), ACCOUNT.name);
      await name.fill(RENAMED);
      await admin.getByRole('button', { name: 'Save account' }).click();
      await admin.getByText('Account settings saved.').waitFor();
      assert.equal(await admin.getByTestId('account-name').textContent(), RENAMED);
    });

  it('the agent\'s top bar names the account from GET /me, not a name left in the browser',
    async () => {
      agent = await newStaffPage(rig);
      await agent.goto(`${rig.origin}/login`);
      // What an older version kept in localStorage: the right slug with another name.
      await agent.evaluate(`localStorage.setItem('caseline.account',
        JSON.stringify({ slug: '${ACCOUNT.slug}', name: 'Some Other Company' }))`);
      await agent.reload();
      const slugField = agent.getByLabel('Account slug', { exact: true });
      assert.equal(await slugField.inputValue(), ACCOUNT.slug);
      await signIn(agent, rig.origin, { account: ACCOUNT.slug, ...AGENT });
      // Agents may not read GET /account; GET /me names the account for everyone.
      await agent.getByTestId('account-name').getByText(RENAMED, { exact: true }).waitFor();
      assert.equal(await agent.getByTestId('user-name').textContent(), AGENT.name);
    });

  it('an agent of another department cannot find the case by phone (department rule)',
    async () => {
      await searchDesk(agent, '212.555.0161');
      await agent.getByTestId('case-count').getByText('No cases match.').waitFor();
      assert.equal(await agent.getByTestId('case-row').count(), 0);
    });

  it('the agent opens it by its exact Case # and reads Public and Private, not Supervisor',
    async () => {
      await searchDesk(agent, `#${caseNo}`);
      await caseRow(agent, caseNo).getByRole('link', { name: `#${caseNo}` }).click();
      await agent.getByRole('heading', { level: 1, name: `Case #${caseNo}: ${SUBJECT}` })
        .waitFor();
      await expectMessage(agent, 'public');
      await expectMessage(agent, 'private');
      assert.deepEqual(await visibleLevels(agent), ['public', 'private']);
      await assertNoSupervisorText(agent);
      const levels = agent.getByRole('group', { name: 'Visibility' }).getByRole('radio');
      assert.equal(await levels.count(), 2, 'agents are offered Public and Private only');
      assert.equal(await agent.getByRole('radio', { name: 'Supervisor' }).count(), 0);
    });

  it('the agent\'s print page leaves the Supervisor message out as well', async () => {
    await agent.getByRole('link', { name: 'Print', exact: true }).click();
    await agent.getByRole('heading', { level: 1, name: `Case #${caseNo}: ${SUBJECT}` })
      .waitFor();
    await expectMessage(agent, 'public');
    await expectMessage(agent, 'private');
    assert.deepEqual(await visibleLevels(agent), ['public', 'private']);
    await assertNoSupervisorText(agent);
    assert.deepEqual(await historyTypes(agent), ['opened', 'closed', 'reopened']);
  });
});
