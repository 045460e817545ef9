/**
 * The parts of the seed that go through Caseline's own code: migrations, sign-up,
 * departments and staff. They are few rows, and going through the domain keeps
 * password hashes, defaults and invariants exactly as the server makes them.
 */
import { migrate } from '../src/storage/migrate.js';
import { openStore } from '../src/storage/database.js';
import { signUp } from '../src/domain/accounts.js';
import { addDepartment } from '../src/domain/departments.js';
import { addStaffToAccount } from '../src/domain/staff.js';
import type { Viewer } from '../src/domain/access.js';
import { ACCOUNT, DEPARTMENTS, PASSWORD, agentEmail } from './data.js';

export interface SeededAccount {
  accountId: number;
  /** By department position (see DEPARTMENTS). */
  departmentIds: number[];
  /** One agent per department, same positions; neither admin nor supervisor. */
  agentIds: number[];
  agentNames: string[];
}

export async function seedAccount(file: string): Promise<SeededAccount> {
  const store = openStore(`sqlite:${file}`);
  try {
    await migrate(store);
    const { account, staffId } = await signUp(store.db, {
      accountName: ACCOUNT.name, accountSlug: ACCOUNT.slug, adminName: ACCOUNT.adminName,
      adminEmail: ACCOUNT.adminEmail, password: PASSWORD, defaultRegion: ACCOUNT.region,
      timezone: ACCOUNT.timezone,
    });
    const general = await store.db.selectFrom('departments').select('id')
      .where('account_id', '=', account.id).executeTakeFirstOrThrow();
    const admin: Viewer = {
      accountId: account.id, staffId, name: ACCOUNT.adminName, departmentId: general.id,
      admin: true, supervisor: true,
    };
    const departmentIds = [general.id];
    for (const name of DEPARTMENTS.slice(1)) {
      departmentIds.push((await addDepartment(store.db, admin, name)).id);
    }
    const agentIds: number[] = [];
    const agentNames: string[] = [];
    for (const [position, departmentId] of departmentIds.entries()) {
      const name = `${DEPARTMENTS[position]} Agent`;
      const staff = await addStaffToAccount(store.db, account.id, {
        name, email: agentEmail(position), password: PASSWORD, departmentId,
      });
      agentIds.push(staff.id);
      agentNames.push(name);
    }
    return { accountId: account.id, departmentIds, agentIds, agentNames };
  } finally {
    await store.close();
  }
}
