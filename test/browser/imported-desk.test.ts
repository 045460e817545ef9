/**
 * The desk of an agent whose department came from the conversation import: the
 * shared data set (read in place, never copied) is imported into a new account
 * with the same domain call `caseline import` makes, then an agent of "Delta"
 * signs in and works from the desk in a real Chromium.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { readConversationFiles } from '../../src/domain/conversation-csv.js';
import { importConversations } from '../../src/domain/conversation-import.js';
import { addStaffMember, signUpAccount, type Client } from '../support/app.js';
import { newStaffPage, REPO_ROOT, signIn, startRig, type BrowserRig } from './helpers.js';

/** Where `caseline import` reads from by default: next to the repository. */
const DATA_DIR = path.resolve(REPO_ROOT, '../shared/data/conversations');
const DEPARTMENT = 'Delta';
/** GET /cases answers this many when no limit is given, as the desk asks. */
const PAGE_SIZE = 50;
/** More pages than the data set could fill: a cursor that never ends fails the test. */
const MAX_PAGES = 100;
const EMOJI = /\p{Extended_Pictographic}/u;

interface Summary { caseNo: number; subject: string; department: { name: string } }
interface Message { body: string; visibility: string }

/** Every open case the agent's department holds, through the API, page by page. */
async function openCasesOf(client: Client): Promise<Summary[]> {
  const all: Summary[] = [];
  let cursor: string | null | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const query = `status=in_progress&limit=200${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await client.get(`/api/v1/cases?${query}`);
    assert.equal(res.status, 200, String(res.raw));
    all.push(...res.body.items);
    cursor = res.body.nextCursor;
    if (!cursor) return all;
  }
  throw new Error(`GET /cases still had a nextCursor after ${MAX_PAGES} pages`);
}

/** The first case (in desk order) with a message holding `pattern`, and its messages. */
async function findCase(client: Client, cases: Summary[], pattern: RegExp) {
  for (const summary of cases) {
    const res = await client.get(`/api/v1/cases/${summary.caseNo}`);
    const messages = res.body.messages as Message[];
    if (messages.some((m) => pattern.test(m.body))) return { summary, messages };
  }
  throw new Error(`no open ${DEPARTMENT} case has a message matching ${pattern}`);
}

async function rowNumbers(page: Page): Promise<number[]> {
  const rows = await page.getByTestId('case-row').all();
  return Promise.all(rows.map(async (r) => Number(await r.getAttribute('data-case-no'))));
}

describe('imported cases on an agent\'s desk (sqlite)', () => {
  let rig: BrowserRig;
  let agentApi: Client;
  let page: Page;
  let apiOpen: Summary[];
  let firstPage: Summary[];
  /** Open cases of the department in cases.csv: what the import was given. */
  let inFiles = 0;

  before(async () => {
    assert.ok(existsSync(path.join(DATA_DIR, 'cases.csv')),
      `The shared conversations are missing: expected them in ${DATA_DIR}`);
    rig = await startRig('sqlite');
    const { admin, account } = await signUpAccount(rig.t.app);
    const files = await readConversationFiles(DATA_DIR);
    const summary = await importConversations(rig.t.store.db, account.id, files);
    assert.equal(summary.casesCreated, files.cases.length);
    // Trimmed as the import reads them.
    inFiles = files.cases.filter((r) => r.values.department?.trim() === DEPARTMENT
      && r.values.status?.trim() === 'in_progress').length;

    const departments = await admin.get('/api/v1/departments');
    const delta = (departments.body.items as { id: number; name: string }[])
      .find((d) => d.name === DEPARTMENT);
    assert.ok(delta, `the import created no "${DEPARTMENT}" department`);
    const agent = await addStaffMember(admin, account, { departmentId: delta.id,
      name: 'Dana Delta' });
    agentApi = agent.client;
    apiOpen = await openCasesOf(agentApi);
    firstPage = (await agentApi.get('/api/v1/cases?status=in_progress')).body.items;
    assert.ok(inFiles > 0, `cases.csv has no open ${DEPARTMENT} cases to show`);

    page = await newStaffPage(rig);
    await signIn(page, rig.origin, { account: account.slug, email: agent.email,
      password: agent.password });
  });
  after(async () => { await rig?.close(); });

  it('lists the department\'s open imported cases, as many as the API counts (one page)',
    async () => {
      assert.equal(apiOpen.length, inFiles, 'the API counts what cases.csv holds');
      const shown = Math.min(apiOpen.length, PAGE_SIZE);
      const more = apiOpen.length > PAGE_SIZE;
      await page.getByTestId('case-count')
        .getByText(more ? `Showing the first ${shown} cases` : `${shown} cases`, { exact: true })
        .waitFor();
      assert.deepEqual(await rowNumbers(page), firstPage.map((c) => c.caseNo));
      assert.equal(firstPage.length, shown);
      const departments = await page.getByTestId('case-row').locator('td:nth-child(5)')
        .allTextContents();
      assert.deepEqual([...new Set(departments)], [DEPARTMENT]);
      const statuses = await page.getByTestId('case-row').getByTestId('case-status')
        .allTextContents();
      assert.deepEqual([...new Set(statuses)], ['In Progress']);
    });

  it('offers no "All departments" checkbox, since this agent is not a supervisor', async () => {
    await page.getByLabel('Status', { exact: true }).waitFor();
    assert.equal(await page.getByLabel('All departments').count(), 0);
    assert.equal(await page.getByRole('checkbox').count(), 0);
  });

  for (const [what, pattern] of [['emoji', EMOJI], ['"&amp;"', /&amp;/]] as const) {
    it(`a row opens its case page with every message, ${what} shown exactly as stored`,
      async () => {
        const { summary, messages } = await findCase(agentApi, firstPage, pattern);
        await page.goto(`${rig.origin}/`);
        const row = page.locator(`[data-testid="case-row"][data-case-no="${summary.caseNo}"]`);
        await row.getByRole('link', { name: `#${summary.caseNo}`, exact: true }).click();
        await page.waitForURL(`${rig.origin}/cases/${summary.caseNo}`);
        const heading = page.getByRole('heading', { level: 1 });
        await heading.getByText(summary.subject, { exact: true }).waitFor();
        assert.equal(await heading.textContent(), `Case #${summary.caseNo}: ${summary.subject}`);

        const bodies = page.getByTestId('message').locator('.message-body');
        assert.deepEqual(await bodies.allTextContents(), messages.map((m) => m.body));
        const levels = await Promise.all((await page.getByTestId('message').all())
          .map((m) => m.getAttribute('data-visibility')));
        assert.deepEqual(levels, messages.map((m) => m.visibility));
        // Stored text is shown, not re-read as HTML: "&amp;" stays five characters.
        const shown = await page.locator('main').innerText();
        const sample = messages.find((m) => pattern.test(m.body))?.body.match(pattern)?.[0];
        assert.ok(sample && shown.includes(sample), `${what} is missing from the page`);
      });
  }
});
