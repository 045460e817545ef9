/**
 * The case page holds awkward text without breaking its layout (long unbroken
 * words, right-to-left names, emoji) from phone to desktop width, and sign-in
 * works from the keyboard alone, skip link first.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { openCase, signUpAccount } from '../support/app.js';
import {
  horizontalOverflow, isFocused, newStaffPage, signIn, startRig, type BrowserRig,
  type Credentials,
} from './helpers.js';

// The API takes subjects up to 200 characters (a 300-character one is refused with 400),
// so the longest unbroken subject a case can have is used.
const SUBJECT = 'Unbroken'.repeat(25);
const ARABIC_NAME = 'فاطمة الزهراء';
const LONG_WORD = 'Lorem'.repeat(100);
const BODY = `Photos attached 📸🔥👍🏽👨‍👩‍👧‍👦 and the log: ${LONG_WORD}`;
const WIDTHS = [375, 1280] as const;

/** Width a box needs against the width it has; more needed than had means cut-off text. */
async function boxWidths(locator: Locator): Promise<{ needs: number; has: number }> {
  return locator.evaluate((el: { scrollWidth: number; clientWidth: number }) => ({
    needs: el.scrollWidth, has: el.clientWidth,
  }));
}

async function focusedText(page: Page): Promise<string> {
  return page.evaluate('document.activeElement?.textContent ?? ""');
}

describe('case page layout and keyboard sign-in (sqlite)', () => {
  let rig: BrowserRig;
  let who: Credentials;
  let caseNo: number;
  let page: Page;

  before(async () => {
    rig = await startRig('sqlite');
    const password = 'correct horse battery';
    const email = 'lay@layout.test';
    const { admin, account } = await signUpAccount(rig.t.app, { adminEmail: email, password });
    who = { account: account.slug, email, password };
    const created = await openCase(admin, {
      subject: SUBJECT,
      customer: { name: ARABIC_NAME, phones: ['+1 212 555 0199'], emails: ['f@example.com'] },
      message: { body: BODY, visibility: 'public' },
    });
    caseNo = created.caseNo;
    page = await newStaffPage(rig);
    await signIn(page, rig.origin, who);
    await page.goto(`${rig.origin}/cases/${caseNo}`);
    await page.getByTestId('message').waitFor();
  });
  after(async () => { await rig?.close(); });

  for (const width of WIDTHS) {
    it(`at ${width} px the page does not scroll sideways: long words wrap`, async () => {
      await page.setViewportSize({ width, height: 800 });
      const doc = await horizontalOverflow(page);
      assert.ok(doc.scroll <= doc.client,
        `document is ${doc.scroll} px wide in a ${doc.client} px viewport`);
      const parts = {
        heading: page.getByRole('heading', { level: 1 }),
        message: page.getByTestId('message').locator('.message-body'),
        customer: page.getByTestId('customer-details'),
      };
      for (const [name, locator] of Object.entries(parts)) {
        const box = await boxWidths(locator);
        assert.ok(box.needs <= box.has, `${name} needs ${box.needs} px but has ${box.has} px`);
      }
      // Wrapped, not shortened: every character is still there.
      assert.equal(await parts.heading.textContent(), `Case #${caseNo}: ${SUBJECT}`);
      assert.equal(await parts.message.textContent(), BODY);
    });
  }

  it('the customer\'s Arabic name is laid out right-to-left (dir="auto")', async () => {
    const name = page.getByTestId('customer-details').locator('dt:text-is("Name") + dd');
    assert.equal(await name.textContent(), ARABIC_NAME);
    const seen = await name.evaluate((el: {
      getAttribute(n: string): string | null; matches(s: string): boolean;
    }) => ({ dir: el.getAttribute('dir'), rtl: el.matches(':dir(rtl)') }));
    assert.ok(seen.dir === 'auto' || seen.rtl, `name has dir=${seen.dir}, rtl=${seen.rtl}`);
    assert.equal(seen.rtl, true, 'the name resolves to right-to-left');
  });

  it('from the sign-in page the skip link is the first Tab stop, and Enter signs in',
    async () => {
      const keyboard = await newStaffPage(rig);
      await keyboard.goto(`${rig.origin}/login`);
      await keyboard.getByRole('heading', { level: 1, name: 'Sign in to Caseline' }).waitFor();

      await keyboard.keyboard.press('Tab');
      assert.equal(await focusedText(keyboard), 'Skip to content');
      await keyboard.keyboard.press('Enter');
      assert.equal(await isFocused(keyboard.locator('main')), true, 'skip link focuses main');

      const steps: Array<[string, string]> = [
        ['Account slug', who.account], ['E-mail', who.email], ['Password', who.password],
      ];
      for (const [label, value] of steps) {
        await keyboard.keyboard.press('Tab');
        const field = keyboard.getByLabel(label, { exact: true });
        assert.equal(await isFocused(field), true, `Tab reaches ${label}`);
        await keyboard.keyboard.type(value);
      }
      await keyboard.keyboard.press('Enter');
      await keyboard.getByRole('heading', { level: 1, name: 'Desk' }).waitFor();
      assert.equal(new URL(keyboard.url()).pathname, '/');
      await keyboard.context().close();
    });
});
