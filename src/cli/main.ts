/**
 * The `caseline` command. Each subcommand is a small module; this file only
 * dispatches and turns failures into a message and an exit code.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { DomainError } from '../domain/errors.js';
import { serve } from './serve.js';
import { runMigrate } from './migrate.js';
import { createAccountCommand } from './account.js';
import { addStaffCommand, setStaffPasswordCommand } from './staff.js';
import { importCommand } from './import.js';

const USAGE = `Usage: caseline <command> [options]

Commands:
  serve                         start the server (migrates first)
  migrate                       apply database migrations
  account create --name NAME --admin-name NAME --admin-email EMAIL --password PW
                 [--slug SLUG] [--region US] [--timezone UTC]
  staff add --account SLUG --name NAME --email EMAIL --password PW
            [--department NAME] [--admin] [--supervisor]
  staff password --account SLUG --email EMAIL --password PW
                 set a member's password (an admin's too), sign them out
                 everywhere and lift a sign-in lock
  import --account SLUG [--dir PATH]   load the shared customer conversations

Configuration comes from the environment: PORT, HOST, DATABASE_URL,
CASELINE_SIGNUP, LOG_LEVEL, PUBLIC_URL (see README.md).
`;

export async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  try {
    const config = loadConfig();
    if (command === 'serve') return await serve(config).then(() => -1);
    if (command === 'migrate') return await runMigrate(config);
    if (command === 'account' && sub === 'create') {
      return await createAccountCommand(config, options(rest));
    }
    if (command === 'staff' && sub === 'add') return await addStaffCommand(config, options(rest));
    if (command === 'staff' && sub === 'password') {
      return await setStaffPasswordCommand(config, options(rest));
    }
    if (command === 'import') {
      return await importCommand(config, options(sub === undefined ? rest : [sub, ...rest]));
    }
    process.stdout.write(USAGE);
    return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  } catch (err) {
    if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
    else if (err instanceof DomainError) {
      const fields = err.fields ? ` (${Object.entries(err.fields)
        .map(([k, v]) => `${k}: ${v}`).join('; ')})` : '';
      process.stderr.write(`caseline: ${err.message}${fields}\n`);
    } else if (isArgumentError(err)) {
      process.stderr.write(`caseline: ${err.message}\n\n${USAGE}`);
    } else throw err;
    return 1;
  }
}

function options(args: string[]) {
  return parseArgs({
    args,
    options: {
      name: { type: 'string' }, slug: { type: 'string' }, 'admin-name': { type: 'string' },
      'admin-email': { type: 'string' }, password: { type: 'string' },
      region: { type: 'string' }, timezone: { type: 'string' }, account: { type: 'string' },
      email: { type: 'string' }, department: { type: 'string' },
      admin: { type: 'boolean' }, supervisor: { type: 'boolean' }, dir: { type: 'string' },
    },
    allowPositionals: false,
  }).values;
}

/** node:util parseArgs refuses unknown or malformed options with these codes. */
function isArgumentError(err: unknown): err is TypeError {
  return err instanceof TypeError
    && String((err as { code?: string }).code ?? '').startsWith('ERR_PARSE_ARGS');
}

export type CliOptions = ReturnType<typeof options>;
