/**
 * Passwords in a real Chromium against a real server on SQLite: a member changes
 * theirs from the top bar (a wrong current password is named at its field), signs
 * out and in with the new one; an admin sets a locked-out member's password in
 * Admin → Staff and that member signs in with it at once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { Client, addStaffMember, signUpAccount } from '../support/app.js';
import {
  newStaffPage, signIn, startRig, type BrowserRig, type Credentials,
} from './helpers.js';

const ADMIN = { email: 'ada@passwords.test', password: 'correct horse battery' };

describe('passwords in the browser (sqlite)', () => {
  let rig: BrowserRig;
  let admin: Credentials;
  let signed: Awaited<ReturnType<typeof signUpAccount>>;

  before(async () => {
    rig = await startRig('sqlite');
    signed = await signUpAccount(rig.t.app, { adminEmail: ADMIN.email,
      password: ADMIN.password });
    admin = { account: signed.account.slug, ...ADMIN };
  });
  after(async () => { await rig?.close(); });

  async function newMember() {
    const m = await addStaffMember(signed.admin, signed.account,
      { departmentId: signed.user.department.id });
    const who: Credentials = { account: signed.account.slug, email: m.email,
      password: m.password };
    return { ...m, who };
  }

  async function loginStatus(who: Credentials): Promise<number> {
    return (await new Client(rig.t.app).post('/api/v1/auth/login', who)).status;
  }

  function field(page: Page, label: string) {
    return page.getByLabel(label, { exact: true });
  }

  it('a member changes their password from the top bar, signs out and in with the new one',
    async () => {
      const m = await newMember();
      const page = await newStaffPage(rig);
      await signIn(page, rig.origin, m.who);
      await page.locator('.topbar-user').getByRole('link', { name: 'Change password' }).click();
      await page.getByRole('heading', { level: 1, name: 'Change password' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/account/password');

      const fresh = 'my fresh browser passphrase';
      await field(page, 'Current password').fill('not what I signed in with');
      await field(page, 'New password').fill(fresh);
      await field(page, 'Repeat new password').fill(fresh);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.locator('.field-error').getByText('is not your current password').waitFor();
      assert.equal(await field(page, 'Current password').getAttribute('aria-invalid'), 'true');

      await field(page, 'Current password').fill(m.password);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByRole('status').getByText('Your password has been changed').waitFor();
      assert.equal(await field(page, 'New password').inputValue(), '', 'the form is emptied');
      assert.equal(await loginStatus(m.who), 401, 'the old password no longer signs in');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sign in to Caseline' }).waitFor();
      await signIn(page, rig.origin, { ...m.who, password: fresh });
      await page.context().close();
    });

  it('an admin sets a locked-out member\'s password in Admin → Staff; they sign in at once',
    async () => {
      const m = await newMember();
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push(await loginStatus({ ...m.who, password: 'x' }));
      assert.equal(statuses.at(-1), 429, 'the member is locked out of sign-in');

      const page = await newStaffPage(rig);
      await signIn(page, rig.origin, admin);
      await page.getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Staff', exact: true }).click();
      const row = page.getByTestId('staff-row').filter({ hasText: m.email });
      await row.getByRole('button', { name: `Edit ${m.staff.name}` }).click();
      const form = row.getByRole('form', { name: `Set password for ${m.staff.name}` });
      const given = 'handed over by the admin';
      await form.getByLabel('New password', { exact: true }).fill(given);
      await form.getByRole('button', { name: 'Set password' }).click();
      await form.getByRole('status').getByText('signed out everywhere').waitFor();

      const member = await newStaffPage(rig);
      await signIn(member, rig.origin, { ...m.who, password: given });
      assert.equal(await member.getByTestId('user-name').textContent(), m.staff.name);
      await member.context().close();
      await page.context().close();
    });
});
