/**
 * The test PBX: Kamailio with telephony/kamailio/caseline.cfg, posting CTI events to the
 * account's webhook, on a free UDP port of the loopback.
 */
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { logOf, runToEnd, startProcess } from './processes.mjs';
import { HERE } from './settings.mjs';
import { findProgram, freeUdpPort, sleep, tail } from './util.mjs';

/**
 * Writes a config, has Kamailio check it, starts Kamailio and waits until it answers.
 * The webhook URL holds the account's token, so it goes into a private file rather than
 * onto the command line, where `ps` would show it.
 */
export async function startPbx(ctx, api) {
  const { webhookUrl, token } = await api.get('/api/v1/telephony');
  if (!webhookUrl.includes(token)) throw new Error(`webhook URL ${webhookUrl} lacks the token`);
  // The URL goes into a quoted Kamailio define: nothing in it may end the string.
  if (!/^[A-Za-z0-9._~:/-]+$/.test(webhookUrl)) throw new Error('unexpected webhook URL');
  const sipPort = await freeUdpPort();
  const pbx = { host: '127.0.0.1', port: sipPort };
  const cfg = join(ctx.tmp, 'pbx.cfg');
  writeFileSync(cfg, [
    '#!KAMAILIO',
    '# written by telephony/run.mjs for one test run',
    `#!define CTI_URL "${webhookUrl}"`,
    `#!define SIP_PORT ${sipPort}`,
    '#!define RING_TIMEOUT_S 20',
    `include_file "${join(HERE, 'kamailio', 'caseline.cfg')}"`,
    '',
  ].join('\n'), { mode: 0o600 });

  const kamailio = findProgram('kamailio');
  const check = await runToEnd(ctx, 'kamailio-check', kamailio,
    ['-c', '-f', cfg, '-Y', ctx.tmp], {}, 20_000);
  if (check.code !== 0) throw new Error(`Kamailio rejects its config:\n${tail(check.log, 15)}`);
  const pbxProc = startProcess(ctx, 'kamailio', kamailio,
    ['-DD', '-E', '-f', cfg, '-Y', ctx.tmp, '-m', '32', '-M', '8']);
  await waitSipReady(pbx, pbxProc, 15_000);
  return pbx;
}

/** Sends OPTIONS until Kamailio answers 200. */
async function waitSipReady(pbx, proc, ms) {
  const sock = dgram.createSocket('udp4');
  await new Promise((ok, bad) => { sock.once('error', bad); sock.bind(0, '127.0.0.1', ok); });
  const local = sock.address().port;
  let answered = false;
  sock.on('message', (msg) => { if (/^SIP\/2\.0 200 /.test(String(msg))) answered = true; });
  const deadline = Date.now() + ms;
  try {
    while (!answered) {
      if (proc.exit) {
        throw new Error(`Kamailio exited (${proc.exit.code}):\n${tail(logOf(proc), 15)}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`Kamailio did not answer OPTIONS within ${ms / 1000} s:\n`
          + tail(logOf(proc), 15));
      }
      const id = randomBytes(6).toString('hex');
      sock.send([
        `OPTIONS sip:ping@${pbx.host}:${pbx.port} SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${local};branch=z9hG4bK${id};rport`,
        `From: <sip:probe@127.0.0.1>;tag=${id}`,
        `To: <sip:ping@${pbx.host}>`,
        `Call-ID: probe-${id}@127.0.0.1`,
        'CSeq: 1 OPTIONS',
        'Max-Forwards: 70',
        'Content-Length: 0',
        '', '',
      ].join('\r\n'), pbx.port, pbx.host);
      await sleep(250);
    }
  } finally {
    sock.close();
  }
}
