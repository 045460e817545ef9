import type { Config } from '../config.js';
import { openStore } from '../storage/database.js';
import { migrate } from '../storage/migrate.js';

export async function runMigrate(config: Config): Promise<number> {
  const store = openStore(config.databaseUrl);
  try {
    const applied = await migrate(store);
    process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n`
      : 'The database is up to date.\n');
    return 0;
  } finally {
    await store.close();
  }
}
