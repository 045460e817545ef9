/**
 * Real SIP callers: baresip for whole calls (ringing, answered, hung up or cancelled),
 * sipsak for one INVITE written from a template, with headers the test chooses
 * (P-Asserted-Identity, Privacy) and a Call-ID it knows in advance.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { runToEnd } from './processes.mjs';
import { HERE } from './settings.mjs';
import { findProgram, freeUdpPort, nextSerial, rewrite, show } from './util.mjs';

/** One call with baresip from a temp copy of telephony/baresip/PROFILE. */
export async function baresipCall(ctx, profile, { number, exten, pbx, seconds }) {
  if (number !== undefined && !/^\+?[0-9]{3,20}$/.test(number)) {
    throw new Error(`caller number ${show(number)} cannot go into a SIP URI as it is`);
  }
  // baresip writes into its config folder, so each call gets a copy of its own.
  const dir = join(ctx.tmp, `baresip-${profile}-${nextSerial()}`);
  cpSync(join(HERE, 'baresip', profile), dir, { recursive: true });
  const port = await freeUdpPort();
  rewrite(join(dir, 'config'),
    (text) => text.replace(/^sip_listen\s.*$/m, `sip_listen\t\t127.0.0.1:${port}`));
  rewrite(join(dir, 'accounts'), (text) => text.split('\n').map((line) => {
    if (line.startsWith('#') || line.trim() === '') return line;
    const routed = line.replace(/outbound="sip:[^"]*"/, `outbound="sip:${pbx.host}:${pbx.port}"`);
    return number === undefined ? routed : routed.replace(/<sip:[^@>]*@/, `<sip:${number}@`);
  }).join('\n'));
  return runToEnd(ctx, `baresip-${profile}`, findProgram('baresip'),
    ['-f', dir, '-e', `/dial sip:${exten}@${pbx.host}`, '-t', String(seconds)],
    {}, (seconds + 15) * 1000);
}

/** One INVITE with sipsak from telephony/sipsak/TEMPLATE; sipsak ACKs the final reply. */
export async function sipsakCall(ctx, template, { caller, exten, pbx }) {
  const callId = `caseline-test-${randomBytes(8).toString('hex')}@127.0.0.1`;
  const fields = {
    EXTEN: exten, PBX: `${pbx.host}:${pbx.port}`, CALLER: caller, CALL_ID: callId,
    TAG: randomBytes(6).toString('hex'),
  };
  const text = readFileSync(join(HERE, 'sipsak', template), 'utf8')
    .replace(/\{\{(\w+)\}\}/g, (all, name) => fields[name] ?? all);
  const file = join(ctx.tmp, `sipsak-${nextSerial()}.sip`);
  writeFileSync(file, text);
  const run = await runToEnd(ctx, 'sipsak', findProgram('sipsak'),
    ['-vv', '-H', '127.0.0.1', '-s', `sip:${exten}@${pbx.host}:${pbx.port}`, '-f', file],
    {}, 20_000);
  const replies = [...run.log.matchAll(/^SIP\/2\.0 (\d{3})/gm)].map((m) => m[1]);
  return { ...run, callId, finalReply: replies.filter((c) => c >= '200').at(-1) ?? null };
}
