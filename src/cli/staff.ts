import type { Config } from '../config.js';
import { findAccountForSignIn } from '../domain/accounts.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { addStaffToNamedDepartment } from '../domain/staff.js';
import { departmentBody, newStaffBody } from '../http/schemas/accounts.js';
import type { CliOptions } from './main.js';
import { parseInput } from './parse-input.js';
import { withStore } from './with-store.js';

/** `caseline staff add`: adds a member; the department is created when it is new. */
export async function addStaffCommand(config: Config, o: CliOptions): Promise<number> {
  if (!o.account) throw ValidationError.field('--account', 'is required');
  // Everything is checked before the database is touched.
  const { name: departmentName } = parseInput(departmentBody, { name: o.department ?? 'General' },
    { name: '--department' });
  const { departmentId: _unused, ...input } = parseInput(newStaffBody, {
    name: o.name, email: o.email, password: o.password, departmentId: 1,
    admin: o.admin ?? false, supervisor: o.supervisor ?? false,
  }, { name: '--name', email: '--email', password: '--password' });
  const staff = await withStore(config, async ({ db }) => {
    const account = await findAccountForSignIn(db, o.account!);
    if (!account) throw new NotFoundError(`No account "${o.account}"`);
    return addStaffToNamedDepartment(db, account.id, input, departmentName);
  });
  process.stdout.write(`Added ${staff.name} <${staff.email}> to ${staff.department.name}`
    + `${staff.admin ? ', admin' : ''}${staff.supervisor ? ', supervisor' : ''}.\n`);
  return 0;
}
