/**
 * Every endpoint that returns case text, for every reader, shows exactly the
 * message levels that reader may read: agents of the owning department and of
 * other departments read public and private; supervisors read all three.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  Client, DIALECTS, addDepartment, addStaffMember, openCase, signUpAccount, startTestApp,
  type TestApp,
} from './support/app.js';
import { pdfText } from './support/pdf-text.js';

const WORDS = {
  public: 'Publicmarker',
  private: 'Privatemarker',
  supervisor: 'Supervisormarker',
} as const;
type Level = keyof typeof WORDS;

for (const dialect of DIALECTS) {
  describe(`visibility matrix (${dialect})`, () => {
    let t: TestApp;
    let caseNo: number;
    let readers: Record<'owner' | 'otherDepartment' | 'supervisor', Client>;
    const readable: Record<keyof typeof readers, Level[]> = {
      owner: ['public', 'private'],
      otherDepartment: ['public', 'private'],
      supervisor: ['public', 'private', 'supervisor'],
    };

    before(async () => {
      t = await startTestApp(dialect);
      const { admin, account, user } = await signUpAccount(t.app);
      const sales = await addDepartment(admin, 'Sales');
      const owner = await addStaffMember(admin, account, { departmentId: user.department.id });
      const other = await addStaffMember(admin, account, { departmentId: sales.id });
      const supervisor = await addStaffMember(admin, account, {
        departmentId: sales.id, supervisor: true,
      });
      const c = await openCase(owner.client, {
        subject: 'Matrix case',
        message: { body: `${WORDS.public} opening words`, visibility: 'public' },
      });
      caseNo = c.caseNo;
      await owner.client.post(`/api/v1/cases/${caseNo}/messages`,
        { body: `${WORDS.private} note`, visibility: 'private' });
      const sup = await supervisor.client.post(`/api/v1/cases/${caseNo}/messages`,
        { body: `${WORDS.supervisor} remark`, visibility: 'supervisor' });
      assert.equal(sup.status, 201);
      // A redaction of a supervisor message must not surface to agents either.
      const extra = await supervisor.client.post(`/api/v1/cases/${caseNo}/messages`,
        { body: 'to be redacted', visibility: 'supervisor' });
      await supervisor.client.post(
        `/api/v1/cases/${caseNo}/messages/${extra.body.message.id}/redact`);
      readers = { owner: owner.client, otherDepartment: other.client,
        supervisor: supervisor.client };
    });
    after(async () => { await t.close(); });

    const endpoints: Array<[string, (c: Client) => Promise<string>]> = [
      ['GET case', async (c) => (await c.get(`/api/v1/cases/${caseNo}`)).raw.toString()],
      ['GET printable', async (c) =>
        (await c.get(`/api/v1/cases/${caseNo}/printable`)).raw.toString()],
      ['GET pdf', async (c) => pdfText((await c.get(`/api/v1/cases/${caseNo}/pdf`)).raw)],
      ['GET history', async (c) =>
        (await c.get(`/api/v1/cases/${caseNo}/history`)).raw.toString()],
    ];

    for (const reader of ['owner', 'otherDepartment', 'supervisor'] as const) {
      for (const [name, fetchText] of endpoints) {
        it(`${name} shows ${reader} exactly the levels they may read`, async () => {
          const text = await fetchText(readers[reader]);
          for (const level of Object.keys(WORDS) as Level[]) {
            const shown = text.includes(WORDS[level]);
            const expected = name === 'GET history' ? false : readable[reader].includes(level);
            assert.equal(shown, expected, `${level} text ${expected ? 'missing' : 'leaked'}`);
          }
          if (name === 'GET history') {
            assert.equal(text.includes('"visibility":"supervisor"'), reader === 'supervisor',
              'history names supervisor messages only to supervisors');
          }
        });
      }

      it(`word search finds the case for ${reader} only by words they may read`, async () => {
        const client = readers[reader];
        const scope = reader === 'supervisor' ? '&department=all' : '';
        for (const level of Object.keys(WORDS) as Level[]) {
          const res = await client.get(`/api/v1/cases?q=${WORDS[level]}${scope}`);
          assert.equal(res.status, 200);
          const found = res.body.items.some((s: { caseNo: number }) => s.caseNo === caseNo);
          // Other departments reach the case by its exact Case # only, never by search.
          const expected = reader !== 'otherDepartment' && readable[reader].includes(level);
          assert.equal(found, expected, `search by ${level} word`);
        }
      });

      it(`lists and exact Case # look-up carry no message text for ${reader}`, async () => {
        const client = readers[reader];
        const byNo = await client.get(`/api/v1/cases?caseNo=${caseNo}`);
        assert.deepEqual(byNo.body.items.map((s: { caseNo: number }) => s.caseNo), [caseNo]);
        const desk = await client.get('/api/v1/cases?status=all');
        for (const text of [byNo.raw.toString(), desk.raw.toString()]) {
          for (const word of Object.values(WORDS)) assert.ok(!text.includes(word));
        }
      });
    }

    it('a supervisor note does not move the case up an agent\'s desk', async () => {
      const before = (await readers.owner.get(`/api/v1/cases/${caseNo}`)).body.updatedAt;
      const sup = await readers.supervisor.post(`/api/v1/cases/${caseNo}/messages`,
        { body: 'quiet remark', visibility: 'supervisor' });
      assert.equal(sup.status, 201);
      const after = (await readers.owner.get(`/api/v1/cases/${caseNo}`)).body.updatedAt;
      assert.equal(typeof before, 'string');
      assert.equal(after, before, 'updatedAt would tell agents that something was written');
    });

    it('an agent of another department cannot search that department\'s cases', async () => {
      const res = await readers.otherDepartment.get('/api/v1/cases?department=all');
      assert.equal(res.status, 403);
      const byPhone = await readers.otherDepartment.get('/api/v1/cases?phone=2125550161');
      assert.equal(byPhone.body.items.length, 0);
    });
  });
}
