import type { Config } from '../config.js';
import { findAccountForSignIn } from '../domain/accounts.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { addStaffToAccount } from '../domain/staff.js';
import { newStaffBody } from '../http/schemas/accounts.js';
import { findDepartmentByName, insertDepartment } from '../storage/departments.js';
import type { CliOptions } from './main.js';
import { parseInput } from './parse-input.js';
import { withStore } from './with-store.js';

/** `caseline staff add`: adds a member; the department is created when it is new. */
export async function addStaffCommand(config: Config, o: CliOptions): Promise<number> {
  if (!o.account) throw ValidationError.field('--account', 'is required');
  const departmentName = (o.department ?? 'General').trim();
  const staff = await withStore(config, async ({ db }) => {
    const account = await findAccountForSignIn(db, o.account!);
    if (!account) throw new NotFoundError(`No account "${o.account}"`);
    const department = await findDepartmentByName(db, account.id, departmentName)
      ?? await insertDepartment(db, account.id, departmentName);
    const input = parseInput(newStaffBody, {
      name: o.name, email: o.email, password: o.password, departmentId: department.id,
      admin: o.admin ?? false, supervisor: o.supervisor ?? false,
    }, { name: '--name', email: '--email', password: '--password' });
    return addStaffToAccount(db, account.id, input);
  });
  process.stdout.write(`Added ${staff.name} <${staff.email}> to ${staff.department.name}`
    + `${staff.admin ? ', admin' : ''}${staff.supervisor ? ', supervisor' : ''}.\n`);
  return 0;
}
