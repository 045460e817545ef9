/**
 * An account's telephony settings: the secret CTI webhook URL its PBX posts
 * to (admins see it and can rotate it, which stops the old one at once), and
 * the numbers whose calls the PBX should refuse as busy.
 */
import { randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import {
  ctiTokenOf, deleteBlockedNumber, insertBlockedNumber, listBlockedNumbers, setCtiToken,
} from '../storage/calls.js';
import type { Db } from '../storage/database.js';
import { onUniqueViolation } from '../storage/errors.js';
import { assertAdmin, type Viewer } from './access.js';
import { accountRegion } from './customers.js';
import { ConflictError, NotFoundError, ValidationError } from './errors.js';
import { normalizePhone } from './phone.js';

const newToken = () => randomBytes(24).toString('base64url');

export function webhookUrl(config: Config, token: string): string {
  return `${config.publicUrl}/api/v1/cti/${token}`;
}

export async function telephonySettings(db: Db, config: Config, viewer: Viewer) {
  assertAdmin(viewer);
  const token = (await ctiTokenOf(db, viewer.accountId))
    ?? await setCtiToken(db, viewer.accountId, newToken(), true);
  return { webhookUrl: webhookUrl(config, token), token };
}

export async function rotateCtiToken(db: Db, config: Config, viewer: Viewer) {
  assertAdmin(viewer);
  const token = await setCtiToken(db, viewer.accountId, newToken(), false);
  return { webhookUrl: webhookUrl(config, token), token };
}

export async function blockedNumbersOf(db: Db, viewer: Viewer) {
  assertAdmin(viewer);
  return (await listBlockedNumbers(db, viewer.accountId)).map((b) => ({
    id: b.id, number: b.raw, e164: b.e164, note: b.note, createdAt: b.created_at,
  }));
}

export async function blockNumber(
  db: Db, viewer: Viewer, input: { number: string; note?: string | null | undefined },
) {
  assertAdmin(viewer);
  const { e164 } = normalizePhone(input.number, await accountRegion(db, viewer.accountId));
  if (e164 === null) throw ValidationError.field('number', 'is not a phone number');
  const b = await onUniqueViolation(insertBlockedNumber(db, viewer.accountId,
    { e164, raw: input.number, note: input.note ?? null }),
  () => new ConflictError('That number is blocked already', { number: 'is blocked already' }));
  return { id: b.id, number: b.raw, e164: b.e164, note: b.note, createdAt: b.created_at };
}

export async function unblockNumber(db: Db, viewer: Viewer, id: number): Promise<void> {
  assertAdmin(viewer);
  if (!(await deleteBlockedNumber(db, viewer.accountId, id))) {
    throw new NotFoundError('Blocked number not found');
  }
}
