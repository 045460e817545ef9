import type { Config } from '../config.js';
import { signUp } from '../domain/accounts.js';
import { signupBody } from '../http/schemas/accounts.js';
import type { CliOptions } from './main.js';
import { parseInput } from './parse-input.js';
import { withStore } from './with-store.js';

/** `caseline account create`: what sign-up does, for an operator with sign-up closed. */
export async function createAccountCommand(config: Config, o: CliOptions): Promise<number> {
  const input = parseInput(signupBody, {
    accountName: o.name, accountSlug: o.slug, adminName: o['admin-name'],
    adminEmail: o['admin-email'], password: o.password, defaultRegion: o.region,
    timezone: o.timezone,
  }, { accountName: '--name', accountSlug: '--slug', adminName: '--admin-name',
    adminEmail: '--admin-email', password: '--password', defaultRegion: '--region' });
  const { account } = await withStore(config, (store) => signUp(store.db, input));
  process.stdout.write(`Created account "${account.name}" (slug: ${account.slug}).\n`
    + `Sign in at ${config.publicUrl}/login with account "${account.slug}".\n`);
  return 0;
}
