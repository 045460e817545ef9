import type { Config } from '../config.js';
import { openStore, type Store } from '../storage/database.js';
import { migrate } from '../storage/migrate.js';

/** Opens and migrates the configured store for one CLI command, and always closes it. */
export async function withStore<T>(config: Config, work: (store: Store) => Promise<T>) {
  const store = openStore(config.databaseUrl);
  try {
    await migrate(store);
    return await work(store);
  } finally {
    await store.close();
  }
}
