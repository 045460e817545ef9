import type { Config } from '../config.js';
import type { Store } from '../storage/database.js';

/** What every route plugin is given: the store and the configuration. */
export interface RouteContext {
  store: Store;
  config: Config;
}
