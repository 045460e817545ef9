/**
 * The conversation import against the real shared data set, read from its
 * folder at test time: its licence forbids copying any of it into the
 * repository, so expectations are derived from the files, never written here.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  addStaffMember, signUpAccount, startTestApp, type SignedUp, type TestApp,
  type Reply,
} from '../../test/support/app.js';
import type { Db } from '../storage/database.js';
import {
  IMPORT_STAFF, importConversations, readConversationFiles, type ConversationFiles,
  type ImportProgress, type ImportSummary,
} from './conversation-import.js';
import { ValidationError } from './errors.js';

const SHARED_DIR = fileURLToPath(new URL('../../../shared/data/conversations', import.meta.url));

type CountedTable = 'cases' | 'messages' | 'customers' | 'departments' | 'staff'
  | 'case_history';

async function count(db: Db, table: CountedTable, accountId: number): Promise<number> {
  const row = await db.selectFrom(table as 'cases').select((eb) => eb.fn.countAll().as('n'))
    .where('account_id', '=', accountId).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function counts(db: Db, accountId: number) {
  const tables: CountedTable[] = ['cases', 'messages', 'customers', 'departments', 'staff',
    'case_history'];
  return Object.fromEntries(await Promise.all(
    tables.map(async (table) => [table, await count(db, table, accountId)] as const)));
}

const iso = (text: string) => new Date(text).toISOString();

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

describe('conversation import of the shared data set (sqlite)', () => {
  let t: TestApp;
  let signed: SignedUp;
  let accountId: number;
  let files: ConversationFiles;
  let first: ImportSummary;
  let firstMs: number;
  const progress: ImportProgress[] = [];

  before(async () => {
    t = await startTestApp('sqlite');
    signed = await signUpAccount(t.app, { defaultRegion: 'US' });
    accountId = signed.account.id;
    files = await readConversationFiles(SHARED_DIR);
    const startedAt = performance.now();
    first = await importConversations(t.store.db, accountId, files, (p) => progress.push(p));
    firstMs = performance.now() - startedAt;
  });
  after(async () => { await t?.close(); });

  it('creates every case and message, oldest case first, quickly', async (tc) => {
    tc.diagnostic(`import took ${Math.round(firstMs)} ms`);
    assert.equal(files.cases.length, 1288);
    assert.equal(files.messages.length, 4860);
    assert.equal(first.casesCreated, 1288);
    assert.equal(first.casesAlreadyPresent, 0);
    assert.equal(first.messagesCreated, 4860);
    const distinctDepartments = new Set(files.cases.map((r) => r.values.department)).size;
    assert.equal(first.departmentsCreated.length, distinctDepartments);
    assert.ok(firstMs < 30_000, `import took ${firstMs} ms`);
    assert.deepEqual(progress.at(-1), { done: 1288, total: 1288 });

    const db = t.store.db;
    assert.equal(await count(db, 'cases', accountId), 1288);
    assert.equal(await count(db, 'messages', accountId), 4860);
    const rows = await db.selectFrom('cases').selectAll().where('account_id', '=', accountId)
      .orderBy('case_no').execute();
    assert.deepEqual(rows.map((r) => r.case_no), rows.map((_, i) => i + 1));
    const byRef = new Map(files.cases.map((r) => [r.values.case_ref!, r.values]));
    rows.forEach((row, i) => {
      const csv = byRef.get(row.external_ref!)!;
      if (i > 0) assert.ok(rows[i - 1]!.created_at <= row.created_at, 'older cases first');
      assert.equal(row.subject, csv.subject!.trim());
      assert.equal(row.status, csv.status);
      assert.equal(row.created_at, iso(csv.created_at!));
      assert.equal(row.updated_at, iso(csv.updated_at!));
      assert.equal(row.closed_at, row.status === 'closed' ? row.updated_at : null);
      assert.equal(row.contact_email, csv.customer_email || null);
    });
  });

  it('opens each case as one inactive import member, with an "opened" history entry', async () => {
    const db = t.store.db;
    const staff = await db.selectFrom('staff').selectAll()
      .where('account_id', '=', accountId).where('email', '=', IMPORT_STAFF.email).execute();
    assert.equal(staff.length, 1);
    const member = staff[0]!;
    assert.deepEqual([member.name, member.active, member.admin, member.supervisor],
      [IMPORT_STAFF.name, 0, 0, 0]);
    const cases = await db.selectFrom('cases').select(['id', 'external_ref', 'created_at',
      'created_by_staff_id']).where('account_id', '=', accountId).execute();
    assert.ok(cases.every((c) => c.created_by_staff_id === member.id));
    const history = await db.selectFrom('case_history').selectAll()
      .where('account_id', '=', accountId).execute();
    assert.equal(history.length, cases.length);
    const caseById = new Map(cases.map((c) => [c.id, c]));
    for (const h of history) {
      const c = caseById.get(h.case_id)!;
      assert.equal(h.type, 'opened');
      assert.equal(h.at, c.created_at);
      assert.equal(h.actor_staff_id, member.id);
      assert.deepEqual(JSON.parse(h.details), { source: 'import', ref: c.external_ref });
    }
  });

  it('creates nothing when run a second time', async () => {
    const db = t.store.db;
    const before = await counts(db, accountId);
    const again = await importConversations(db, accountId, files);
    assert.deepEqual(again, {
      ...first, casesCreated: 0, casesAlreadyPresent: 1288, messagesCreated: 0,
      customersCreated: 0, customersReused: 0, departmentsCreated: [],
    });
    assert.deepEqual(await counts(db, accountId), before);
  });

  it('keeps threads in file order with their visibility, bodies exactly as written', async () => {
    const stored = await t.store.db.selectFrom('messages')
      .innerJoin('cases', 'cases.id', 'messages.case_id')
      .select(['cases.external_ref', 'messages.author_type', 'messages.author_name',
        'messages.author_staff_id', 'messages.visibility', 'messages.body',
        'messages.created_at'])
      .where('messages.account_id', '=', accountId).orderBy('messages.id').execute();
    const actual = groupBy(stored, (m) => m.external_ref!);
    const expected = groupBy(files.messages, (r) => r.values.case_ref!);
    assert.equal(actual.size, expected.size);
    for (const [ref, rows] of expected) {
      assert.deepEqual(actual.get(ref)!.map((m) => [m.author_type, m.author_name,
        m.author_staff_id, m.visibility, m.body, m.created_at]),
      rows.map(({ values: v }) => [v.author_type, v.author_name, null, v.visibility, v.body,
        iso(v.created_at!)]), `thread of ${ref}`);
    }
    const withEntity = stored.filter((m) => m.body.includes('&amp;')).length;
    assert.ok(withEntity > 0, 'HTML entities are stored as they are');
    assert.ok(stored.some((m) => m.body.includes('\n')), 'line breaks are kept');
  });

  it('makes one customer of a customer_ref with several cases', async () => {
    const db = t.store.db;
    const casesByCustomer = groupBy(files.cases, (r) => r.values.customer_ref!);
    const several = [...casesByCustomer].filter(([, rows]) => rows.length > 1);
    assert.ok(several.length > 0, 'the data set has customers with several cases');
    assert.equal(await count(db, 'customers', accountId), casesByCustomer.size);
    assert.equal(first.customersCreated, casesByCustomer.size);
    assert.equal(first.customersReused, several.length);
    for (const [ref, rows] of several) {
      const profiles = await db.selectFrom('customers').select('id')
        .where('account_id', '=', accountId).where('external_ref', '=', ref).execute();
      assert.equal(profiles.length, 1, `one profile for ${ref}`);
      const cases = await db.selectFrom('cases').select('external_ref')
        .where('account_id', '=', accountId).where('customer_id', '=', profiles[0]!.id)
        .execute();
      assert.deepEqual(cases.map((c) => c.external_ref).sort(),
        rows.map((r) => r.values.case_ref).sort());
    }
  });

  it('normalises phones with the account region and keeps e-mails as typed', async () => {
    const db = t.store.db;
    const dotted = files.cases.find((r) => /^\d{3}\.\d{3}\.\d{4}$/.test(r.values.customer_phone!));
    assert.ok(dotted, 'the data set has a phone written like 212.555.0161');
    const phone = await db.selectFrom('customer_phones')
      .innerJoin('customers', 'customers.id', 'customer_phones.customer_id')
      .select(['customer_phones.raw', 'customer_phones.e164'])
      .where('customers.account_id', '=', accountId)
      .where('customers.external_ref', '=', dotted.values.customer_ref!).executeTakeFirstOrThrow();
    const raw = dotted.values.customer_phone!;
    assert.deepEqual(phone, { raw, e164: `+1${raw.replace(/\./g, '')}` });

    const capitals = files.cases.find((r) => /[A-Z]/.test(r.values.customer_email!));
    assert.ok(capitals, 'the data set has an e-mail in capitals');
    const email = await db.selectFrom('customer_emails')
      .innerJoin('customers', 'customers.id', 'customer_emails.customer_id')
      .select('customer_emails.email').where('customers.account_id', '=', accountId)
      .where('customers.external_ref', '=', capitals.values.customer_ref!)
      .executeTakeFirstOrThrow();
    assert.equal(email.email, capitals.values.customer_email);
  });

  it("lists a department's in-progress cases on the desk of its staff", async () => {
    const open = files.cases.filter((r) => r.values.status === 'in_progress');
    const [name, expected] = [...groupBy(open, (r) => r.values.department!)]
      .sort((a, b) => b[1].length - a[1].length)[0]!;
    const department = await t.store.db.selectFrom('departments').select('id')
      .where('account_id', '=', accountId).where('name', '=', name).executeTakeFirstOrThrow();
    const { client } = await addStaffMember(signed.admin, signed.account,
      { departmentId: department.id });

    const seen: { caseNo: number; status: string; department: { id: number } }[] = [];
    let cursor: string | null = null;
    do {
      const res: Reply = await client.get(
        `/api/v1/cases?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(res.status, 200);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor ?? null;
    } while (cursor);
    assert.equal(seen.length, expected.length);
    assert.ok(seen.every((c) => c.status === 'in_progress' && c.department.id === department.id));
  });
});

describe('conversation import checks (sqlite)', () => {
  let t: TestApp;
  let dir: string;
  before(async () => {
    t = await startTestApp('sqlite');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseline-import-'));
  });
  after(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Writes a made-up export (nothing from the shared data set) and reads it back. */
  function write(name: string, cases: string[], messages: string[]) {
    const folder = path.join(dir, name);
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'cases.csv'), [
      'case_ref,department,customer_ref,customer_name,customer_phone,customer_email,subject,'
        + 'status,created_at,updated_at', ...cases, ''].join('\r\n'));
    fs.writeFileSync(path.join(folder, 'messages.csv'), [
      'case_ref,author_type,author_name,visibility,body,created_at', ...messages, ''].join('\r\n'));
    return readConversationFiles(folder);
  }

  const CASE_A = 'A1,Billing,P1,Pat Example,020 7946 0000,,Invoice twice,closed,'
    + '2020-01-02T10:00:00Z,2020-01-03T10:00:00Z';
  const CASE_B = 'B2,Billing,P1,Pat Example,020 7946 0000,,Refund,in_progress,'
    + '2020-01-01T10:00:00Z,2020-01-01T11:00:00Z';
  const MESSAGES = [
    'A1,customer,Pat Example,public,"Charged twice\nfor one invoice &amp; more",'
      + '2020-01-02T10:00:00Z',
    'A1,staff,Billing,private,Checking the ledger,2020-01-02T10:05:00Z',
    'A1,staff,Billing,supervisor,Refund approved,2020-01-02T10:06:00Z',
    'B2,customer,Pat Example,public,Where is my refund?,2020-01-01T10:00:00Z',
  ];

  it('stops at an unknown visibility, naming the line, and writes nothing', async () => {
    const { account } = await signUpAccount(t.app);
    const files = await write('bad', [CASE_A, CASE_B],
      [...MESSAGES.slice(0, 2), 'A1,staff,Billing,internal,Hmm,2020-01-02T10:07:00Z']);
    const before = await counts(t.store.db, account.id);
    await assert.rejects(importConversations(t.store.db, account.id, files), (err) => {
      assert.ok(err instanceof ValidationError);
      // Line 1 is the header and the first message spans lines 2 and 3.
      assert.match(err.message,
        /^messages\.csv line 5: visibility "internal" is not one of public, private, supervisor$/);
      assert.deepEqual(err.fields, { file: 'messages.csv', line: '5', column: 'visibility' });
      return true;
    });
    assert.deepEqual(await counts(t.store.db, account.id), before);
  });

  it('keeps private and supervisor notes, and completes an earlier partial run', async () => {
    const { account } = await signUpAccount(t.app, { defaultRegion: 'GB' });
    const db = t.store.db;
    const partial = await write('partial', [CASE_A], MESSAGES.slice(0, 3));
    assert.equal((await importConversations(db, account.id, partial)).casesCreated, 1);
    const full = await write('full', [CASE_A, CASE_B], MESSAGES);
    const summary = await importConversations(db, account.id, full);
    assert.deepEqual([summary.casesCreated, summary.casesAlreadyPresent,
      summary.customersCreated, summary.customersReused], [1, 1, 0, 1]);

    const rows = await db.selectFrom('cases').select(['case_no', 'external_ref'])
      .where('account_id', '=', account.id).orderBy('case_no').execute();
    assert.deepEqual(rows,
      [{ case_no: 1, external_ref: 'A1' }, { case_no: 2, external_ref: 'B2' }]);
    const thread = await db.selectFrom('messages').select(['visibility', 'body'])
      .where('case_id', '=', (await db.selectFrom('cases').select('id')
        .where('account_id', '=', account.id).where('external_ref', '=', 'A1')
        .executeTakeFirstOrThrow()).id).orderBy('id').execute();
    assert.deepEqual(thread, [
      { visibility: 'public', body: 'Charged twice\nfor one invoice &amp; more' },
      { visibility: 'private', body: 'Checking the ledger' },
      { visibility: 'supervisor', body: 'Refund approved' },
    ]);
    const phone = await db.selectFrom('customer_phones').select('e164')
      .where('account_id', '=', account.id).executeTakeFirstOrThrow();
    assert.equal(phone.e164, '+442079460000');
  });

  it('refuses a NUL character, a bad e-mail or a case updated before it opened', async () => {
    const { account } = await signUpAccount(t.app);
    const before = await counts(t.store.db, account.id);
    const bad: Array<[string, string[], string[], RegExp]> = [
      ['nul', [CASE_A, CASE_B], [...MESSAGES.slice(0, 3), 'B2,customer,Pat,public,a\u0000b,'
        + '2020-01-01T10:00:00Z'], /^messages\.csv line 6: body contains a NUL character$/],
      ['email', [CASE_A.replace(',,Invoice', ',not-an-address,Invoice')], [],
        /^cases\.csv line 2: customer_email "not-an-address" is not an e-mail address$/],
      ['order', [CASE_A.replace('2020-01-03T10', '2020-01-01T10')], [],
        /^cases\.csv line 2: updated_at is earlier than created_at$/],
      ['department', [CASE_A.replace('A1,Billing', `A1,${'D'.repeat(101)}`)], [],
        /^cases\.csv line 2: department is longer than 100 characters$/],
    ];
    for (const [name, cases, messages, expected] of bad) {
      const files = await write(name, cases, messages);
      await assert.rejects(importConversations(t.store.db, account.id, files), (err) => {
        assert.ok(err instanceof ValidationError, name);
        assert.match(err.message, expected);
        return true;
      });
    }
    assert.deepEqual(await counts(t.store.db, account.id), before, 'nothing was written');
  });

  it('names the file and the missing columns', async () => {
    const folder = path.join(dir, 'columns');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'cases.csv'), 'case_ref,department\r\nX,Y\r\n');
    fs.writeFileSync(path.join(folder, 'messages.csv'),
      'case_ref,author_type,author_name,visibility,body,created_at\r\n');
    await assert.rejects(readConversationFiles(folder),
      /^ValidationError: cases\.csv line 1: missing column\(s\) customer_ref, customer_name/);
  });
});
