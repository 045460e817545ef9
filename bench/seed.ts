/**
 * The seeded database, cached in the temp directory: seeding takes minutes, a run takes
 * a copy of it (the add-message scenario writes). The cache key hashes the migrations and
 * the seeding code, so a schema or seed change reseeds by itself; `--reseed` forces it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { onCleanup } from './cleanup.js';
import { seedAccount, type SeededAccount } from './seed-account.js';
import { seedBulk } from './seed-bulk.js';
import { SIZES, type Sizes } from './data.js';

/** Bump when the seeded data should change in a way the hashed sources do not show. */
const SEED_VERSION = 1;
const PREFIX = 'caseline-bench-seed-';

const here = path.dirname(fileURLToPath(import.meta.url));
const SOURCES = [
  path.join(here, '../src/storage/migrations'),
  ...['data.ts', 'text.ts', 'seed.ts', 'seed-account.ts', 'seed-bulk.ts']
    .map((f) => path.join(here, f)),
];

export interface SeedInfo {
  file: string;
  account: SeededAccount;
  seededAt: string;
  seedSeconds: number;
  bytes: number;
  /** False when this run seeded; true when it reused the cache. */
  cached: boolean;
}

function cacheKey(sizes: Sizes): string {
  const hash = createHash('sha256').update(`v${SEED_VERSION}`).update(JSON.stringify(sizes));
  for (const source of SOURCES) {
    const files = fs.statSync(source).isDirectory()
      ? fs.readdirSync(source).sort().map((f) => path.join(source, f)) : [source];
    for (const file of files) hash.update(file).update(fs.readFileSync(file));
  }
  return `v${SEED_VERSION}-${hash.digest('hex').slice(0, 12)}`;
}

/**
 * The seeded database of one data set (`name` keeps each set's cache apart), seeded now
 * or reused from the temp directory.
 */
export async function seededDatabase(
  reseed: boolean, log: (s: string) => void, sizes: Sizes = SIZES, name = 'staff',
): Promise<SeedInfo> {
  const prefix = `${PREFIX}${name}-`;
  const base = path.join(os.tmpdir(), prefix + cacheKey(sizes));
  const file = `${base}.db`;
  const meta = `${base}.json`;
  if (!reseed && fs.existsSync(file) && fs.existsSync(meta)) {
    const info = JSON.parse(fs.readFileSync(meta, 'utf8')) as Omit<SeedInfo, 'cached'>;
    return { ...info, file, cached: true };
  }
  removeOldCaches(prefix);
  const building = `${base}.building-${process.pid}.db`;
  const started = performance.now();
  const removeBuilding = () => {
    for (const f of [building, `${building}-wal`, `${building}-shm`]) fs.rmSync(f, { force: true });
  };
  const cleanup = onCleanup('unfinished seed', removeBuilding, removeBuilding);
  let account: SeededAccount;
  try {
    log('seeding: migrations, account, departments, staff');
    account = await seedAccount(building);
    await seedBulk(building, account, sizes, (s) => log(`seeding: ${s}`));
    fs.renameSync(building, file);
  } finally {
    await cleanup();
  }
  const info = {
    file, account, seededAt: new Date().toISOString(),
    seedSeconds: (performance.now() - started) / 1000, bytes: fs.statSync(file).size,
  };
  fs.writeFileSync(meta, JSON.stringify(info, null, 2));
  return { ...info, cached: false };
}

/** Caches of other versions are a gigabyte or more each; keep only the one in use. */
function removeOldCaches(prefix: string): void {
  for (const name of fs.readdirSync(os.tmpdir())) {
    // Older runs named the staff set without its name: those go too.
    const stale = name.startsWith(prefix) || /^caseline-bench-seed-v\d/.test(name);
    if (stale) fs.rmSync(path.join(os.tmpdir(), name), { force: true });
  }
}

/** A private copy for one run, WAL and shared-memory files included when present. */
export function copyForRun(source: string, dir: string): string {
  const target = path.join(dir, 'caseline.db');
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(source + suffix)) {
      fs.copyFileSync(source + suffix, target + suffix, fs.constants.COPYFILE_FICLONE);
    }
  }
  return target;
}
