/**
 * The harness's fixed settings: where things are, what to install, how long to wait.
 * Read once at start; `--keep` and CASELINE_CONVERSATIONS_DIR are the only knobs.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The telephony folder (configs for Kamailio, baresip and sipsak live here). */
export const HERE = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = resolve(HERE, '..');
/** The entry point, which runs itself again inside the network namespace. */
export const ENTRY = join(HERE, 'run.mjs');

const APT_PACKAGES = 'kamailio kamailio-utils-modules kamailio-extra-modules baresip sipsak';
export const APT_COMMAND =
  `apt-get update && apt-get install -y --no-install-recommends ${APT_PACKAGES}`;
export const DATA_DIR = resolve(process.env.CASELINE_CONVERSATIONS_DIR
  ?? join(ROOT, '..', 'shared', 'data', 'conversations'));
export const KEEP = process.argv.includes('--keep');

/** The whole run, set-up included, must finish within this. */
export const RUN_LIMIT_MS = 240_000;
export const HTTP_TIMEOUT_MS = 10_000;
export const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/** A run stopped by a signal exits as a shell reports that signal (128 + its number). */
export const SIGNAL_CODE = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
