import type { Config } from '../config.js';
import { findAccountForSignIn } from '../domain/accounts.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { addStaffToNamedDepartment, setPasswordFromServer } from '../domain/staff.js';
import { departmentBody, newStaffBody } from '../http/schemas/accounts.js';
import type { CliOptions } from './main.js';
import { parseInput } from './parse-input.js';
import { withStore } from './with-store.js';

const staffPasswordInput = newStaffBody.pick({ email: true, password: true });

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

/**
 * `caseline staff password`: sets a member's password from the server's shell, signs
 * them out everywhere and lifts their sign-in lock — for an account's only admin, whom
 * no one in the web app can reset.
 */
export async function setStaffPasswordCommand(config: Config, o: CliOptions): Promise<number> {
  if (!o.account) throw ValidationError.field('--account', 'is required');
  const { email, password } = parseInput(staffPasswordInput,
    { email: o.email, password: o.password }, { email: '--email', password: '--password' });
  const member = await withStore(config, async ({ db }) => {
    const account = await findAccountForSignIn(db, o.account!);
    if (!account) throw new NotFoundError(`No account "${o.account}"`);
    return setPasswordFromServer(db, account.id, email, password);
  });
  process.stdout.write(`Set a new password for ${member.name} <${member.email}>; their `
    + 'sessions and API tokens ended and any sign-in lock is lifted.\n');
  return 0;
}
