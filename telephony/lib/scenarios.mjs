/**
 * The four scenarios: each places real calls through the PBX and checks what Caseline's
 * GET /api/v1/calls then shows. A scenario records problems in its Check rather than
 * stopping at the first, so that one FAIL lists everything that was wrong.
 */
import { knownCallIds, waitForCall } from './caseline.mjs';
import { baresipCall, sipsakCall } from './callers.mjs';
import { gap, sameList, show } from './util.mjs';

/** A scenario's findings: problems fail it; notes and SIP agents' logs are printed. */
export class Check {
  problems = [];
  notes = [];
  logs = [];
  expect(ok, problem) {
    if (!ok) this.problems.push(problem);
    return Boolean(ok);
  }
  note(line) { this.notes.push(line); }
}

/** (a) baresip calls as the customer, number written another way; 100 answers. */
async function knownCaller(check, { ctx, api, pbx, who, callerId }) {
  const seen = await knownCallIds(api);
  const run = await baresipCall(ctx, 'caller',
    { number: callerId, exten: '100', pbx, seconds: 5 });
  check.logs.push(run);
  check.expect(run.code === 0, `baresip exited with ${run.code}`);
  check.expect(/Call established/.test(run.log), 'baresip: the call was not established');
  const call = await waitForCall(api, { seen, to: '100' }, (c) => c.state === 'ended', 10_000);
  const no = who.customer.customerNo;
  check.expect(call.from === callerId, `from is ${show(call.from)}, expected ${show(callerId)}`);
  check.expect(call.fromE164 === who.phone.e164,
    `fromE164 is ${show(call.fromE164)}, expected ${who.phone.e164}`);
  check.expect(call.answeredAt !== null, 'the call was never answered');
  check.expect(call.endedAt !== null, 'the call has no end');
  check.expect(call.cause === 'normalClearing', `cause ${show(call.cause)}, not normalClearing`);
  check.expect(call.missed === false, 'an answered call is marked missed');
  const match = call.matches.find((m) => m.customer.customerNo === no);
  check.note(`call ${call.callId}: from "${call.from}" = ${call.fromE164}; matches `
    + `${call.matches.map((m) => `C${m.customer.customerNo}`).join(', ') || 'none'}`);
  if (check.expect(match, `customer C${no} is not among the matches`)) {
    const popped = match.openCases.map((c) => c.caseNo).sort((a, b) => a - b);
    check.expect(sameList(popped, who.openCaseNos),
      `open cases popped ${popped.join(',')}, expected ${who.openCaseNos.join(',')}`);
    check.expect(match.openCases.every((c) => c.status !== 'closed'), 'a closed case popped');
    check.note(`C${no} ${match.customer.name ?? ''}: open cases `
      + `${popped.map((n) => `#${n}`).join(' ')} (${match.openCases.length})`);
  }
  check.note(`rang ${gap(call.startedAt, call.answeredAt)} s, answered by `
    + `${show(call.answeredBy)}, ended ${show(call.cause)} `
    + `${gap(call.answeredAt, call.endedAt)} s later`);
}

/** (b) baresip with an anonymous From, and sipsak with `Privacy: id` over a real number. */
async function withheldCaller(check, { ctx, api, pbx, callerId }) {
  const seen = await knownCallIds(api);
  const run = await baresipCall(ctx, 'anonymous', { exten: '100', pbx, seconds: 3 });
  check.logs.push(run);
  check.expect(run.code === 0, `baresip exited with ${run.code}`);
  check.expect(/Call established/.test(run.log), 'baresip: the call was not established');
  const call = await waitForCall(api, { seen, to: '100' }, (c) => c.state === 'ended', 10_000);
  expectWithheld(check, call);
  check.note(`baresip, From anonymous@anonymous.invalid: call ${call.callId} from `
    + `${show(call.from)}, ${call.matches.length} matches, ${call.state} ${show(call.cause)}`);

  const sip = await sipsakCall(ctx, 'withheld-by-privacy.sip',
    { caller: callerId, exten: '486', pbx });
  check.logs.push(sip);
  check.expect(sip.finalReply === '486', `sipsak got ${show(sip.finalReply)}, expected 486`);
  const hidden = await waitForCall(api, { callId: sip.callId }, (c) => c.state === 'ended',
    10_000);
  expectWithheld(check, hidden);
  check.note(`sipsak, PAI ${callerId} + Privacy: id: from ${show(hidden.from)}, `
    + `${hidden.matches.length} matches, ${hidden.state} ${show(hidden.cause)}`);
}

function expectWithheld(check, call) {
  check.expect(call.from === null, `from is ${show(call.from)}, expected null`);
  check.expect(call.fromE164 === null, `fromE164 is ${show(call.fromE164)}, expected null`);
  check.expect(call.matches.length === 0, `${call.matches.length} customers matched`);
  check.expect(call.state === 'ended', `state ${call.state}`);
}

/** (c) baresip calls 200, which only rings, and hangs up after 2 s: a CANCEL. */
async function cancelledCall(check, { ctx, api, pbx, callerId }) {
  const seen = await knownCallIds(api);
  const run = await baresipCall(ctx, 'caller',
    { number: callerId, exten: '200', pbx, seconds: 2 });
  check.logs.push(run);
  check.expect(run.code === 0, `baresip exited with ${run.code}`);
  check.expect(!/Call established/.test(run.log), 'baresip: the call was answered');
  const call = await waitForCall(api, { seen, to: '200' }, (c) => c.state === 'ended', 10_000);
  check.expect(call.answeredAt === null, 'the call was answered');
  check.expect(call.cause === 'cancel', `cause ${show(call.cause)}, expected cancel`);
  check.expect(call.missed === true, 'the call is not marked missed');
  check.note(`call ${call.callId} from "${call.from}": ${call.state} ${show(call.cause)} `
    + `after ${gap(call.startedAt, call.endedAt)} s, missed ${call.missed}`);
}

/** (d) an admin blocks a number; its call to 100 (which would answer) gets 486. */
async function blockedCaller(check, { ctx, api, pbx }) {
  const blocked = await api.post('/api/v1/telephony/blocked',
    { number: '(212) 555-0199', note: 'telephony test' });
  const sip = await sipsakCall(ctx, 'caller.sip', { caller: '+12125550199', exten: '100', pbx });
  check.logs.push(sip);
  check.expect(sip.finalReply === '486', `sipsak got ${show(sip.finalReply)}, expected 486`);
  const call = await waitForCall(api, { callId: sip.callId }, (c) => c.state === 'ended',
    10_000);
  check.expect(call.fromE164 === blocked.e164, `fromE164 ${show(call.fromE164)}`);
  check.expect(call.cause === 'busy', `cause ${show(call.cause)}, expected busy`);
  check.expect(call.answeredAt === null, 'the call was answered');
  check.note(`blocked ${blocked.e164}; the PBX answered ${sip.finalReply}, call ${call.state} `
    + `${show(call.cause)}`);
}

/** Run one at a time: (a) to (c) take the first new call to an extension as theirs. */
export const SCENARIOS = [
  ['(a) a known caller pops the customer and their open cases', knownCaller],
  ['(b) a withheld number shows no number and no customer', withheldCaller],
  ['(c) a call cancelled while ringing is missed', cancelledCall],
  ['(d) a number on the blocked list gets busy', blockedCaller],
];
