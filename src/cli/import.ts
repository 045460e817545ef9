/**
 * `caseline import`: loads the shared customer conversations into one account.
 * The work is domain/conversation-import.ts; this file finds the files, shows
 * progress on stderr and prints the summary on stdout.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cliProgress from 'cli-progress';
import type { Config } from '../config.js';
import { findAccountForSignIn } from '../domain/accounts.js';
import {
  importConversations, readConversationFiles, type ImportProgress, type ImportSummary,
} from '../domain/conversation-import.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import type { CliOptions } from './main.js';
import { withStore } from './with-store.js';

/** Where the shared data set lives, next to the repository; it must never be copied in. */
const DEFAULT_DIR_FROM_ROOT = '../shared/data/conversations';
/** Departments named in the closing hint; the rest are counted. */
const HINT_DEPARTMENTS = 5;

export async function importCommand(config: Config, o: CliOptions): Promise<number> {
  if (!o.account) throw ValidationError.field('--account', 'is required');
  const startedAt = performance.now();
  const dir = o.dir ? path.resolve(o.dir) : path.resolve(repositoryRoot(), DEFAULT_DIR_FROM_ROOT);
  const files = await readConversationFiles(dir);
  const { slug, summary } = await withStore(config, async ({ db }) => {
    const account = await findAccountForSignIn(db, o.account!);
    if (!account) {
      throw new NotFoundError(`No account "${o.account}"`, { '--account': 'no such account' });
    }
    const progress = progressReporter();
    try {
      return { slug: account.slug, summary: await importConversations(db, account.id, files,
        progress.update) };
    } finally {
      progress.stop();
    }
  });
  process.stdout.write(summaryText(slug, dir, summary, performance.now() - startedAt));
  return 0;
}

/**
 * The folder holding Caseline's package.json: src/cli under tsx and
 * dist/server/cli when compiled sit at different depths, so walk up rather than count.
 */
function repositoryRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (isCaselinePackage(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new NotFoundError('Cannot find the Caseline folder: give --dir');
    dir = parent;
  }
}

function isCaselinePackage(file: string): boolean {
  try {
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: unknown }).name === 'caseline';
  } catch {
    return false;
  }
}

/** A bar on a terminal; in a log (stderr not a TTY) one line per tenth of the work. */
function progressReporter() {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar({
      stream: process.stderr,
      format: 'import [{bar}] {percentage}% | {value}/{total} cases | {eta_formatted} left',
      hideCursor: true,
    }, cliProgress.Presets.shades_classic);
    let started = false;
    return {
      update({ done, total }: ImportProgress) {
        if (!started) bar.start(total, done);
        else bar.update(done);
        started = true;
      },
      stop: () => { if (started) bar.stop(); },
    };
  }
  let lastTenth = -1;
  return {
    update({ done, total }: ImportProgress) {
      const tenth = total === 0 ? 10 : Math.floor((done * 10) / total);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      process.stderr.write(`import progress=${tenth * 10}% cases=${done}/${total}\n`);
    },
    stop: () => {},
  };
}

function summaryText(slug: string, dir: string, s: ImportSummary, ms: number): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const lines = [
    `Imported conversations from ${dir} into account "${slug}":`,
    `  cases        ${n(s.casesCreated)} created, ${n(s.casesAlreadyPresent)} already present`,
    `  messages     ${n(s.messagesCreated)} created`,
    `  customers    ${n(s.customersCreated)} created, ${n(s.customersReused)} reused`,
    `  departments  ${n(s.departmentsCreated.length)} created`,
    `  elapsed      ${(ms / 1000).toFixed(1)} s`,
  ];
  const names = s.departmentsWithCases.map((d) => d.name);
  if (names.length > 0) {
    const shown = names.slice(0, HINT_DEPARTMENTS);
    const more = names.length > shown.length ? `, … ${names.length - shown.length} more` : '';
    lines.push('', "Imported cases belong to their teams' departments"
      + ` (${shown.join(', ')}${more}): add staff to those departments, or use`
      + ' All departments as a supervisor, to see them on the desk.');
  }
  return `${lines.join('\n')}\n`;
}
