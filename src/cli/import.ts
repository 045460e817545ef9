import type { Config } from '../config.js';
import type { CliOptions } from './main.js';

export async function importCommand(_config: Config, _o: CliOptions): Promise<number> {
  process.stderr.write('caseline import: not built yet\n');
  return 1;
}
