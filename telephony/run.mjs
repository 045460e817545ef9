#!/usr/bin/env node
/**
 * `npm run test:telephony`: Caseline with a real phone system, end to end.
 *
 * Starts Caseline (already built by `npm ci`) on a temporary SQLite database,
 * signs up an account, imports the shared conversations, starts Kamailio as a
 * small PBX (telephony/kamailio/caseline.cfg) that posts CTI events to the
 * account's webhook, places real SIP calls with baresip and sipsak, and checks
 * what Caseline shows in GET /api/v1/calls:
 *
 *   (a) a caller whose number belongs to an imported customer (written in
 *       another format) pops that customer with their open cases; answered,
 *       then ended
 *   (b) a withheld number (anonymous From; Privacy: id) shows no number and
 *       matches no one
 *   (c) a call the caller cancels while it rings is missed
 *   (d) a number on the account's blocked list gets busy
 *
 * Everything runs inside a private network namespace (`unshare --net`) whose
 * only interface is the loopback: baresip 1.0 binds its media sockets to
 * 0.0.0.0, and nothing here may reach another host. Every process is stopped
 * and the temp folder removed at the end, on failure and on Ctrl-C.
 *
 *   node telephony/run.mjs [--keep]     --keep: leave the temp folder (logs)
 *
 * This file runs twice: first outside (lib/namespace.mjs), which checks the
 * packages and starts it again in the namespace, then inside (lib/harness.mjs).
 * The rest of lib/: settings.mjs, util.mjs, processes.mjs (start, stop, logs),
 * caseline.mjs, kamailio.mjs, callers.mjs (baresip, sipsak), scenarios.mjs.
 */
import { runInside } from './lib/harness.mjs';
import { runOutside } from './lib/namespace.mjs';

if (process.env.CASELINE_TELEPHONY_INNER === '1') {
  await runInside(process.env.CASELINE_TELEPHONY_TMP);
} else {
  await runOutside();
}
