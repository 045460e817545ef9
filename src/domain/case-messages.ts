/**
 * Adding to a case's thread and redacting from it. Messages are appended and
 * never edited, except that a supervisor may redact one, which leaves a
 * history entry naming the message by id and visibility only.
 */
import type { Config } from '../config.js';
import type { Db } from '../storage/database.js';
import { touchCase } from '../storage/cases.js';
import { insertHistory, listHistory } from '../storage/history.js';
import { scrubMail } from '../storage/outbox.js';
import { findMessage, insertMessage, redactMessageBody } from '../storage/messages.js';
import {
  assertCanWrite, assertSupervisor, isActivityForEveryReader, type Viewer,
} from './access.js';
import { actorOf } from './actors.js';
import { newPairingSecrets, queueCaseMail, type QueuedMail } from './case-mail.js';
import { requireCase } from './cases.js';
import { NotFoundError, ValidationError } from './errors.js';
import { recordCaseEvent } from './live-events.js';
import { checkMessageBody } from './message-rules.js';
import { findSensitiveData } from './sensitive.js';
import type { Message, Visibility } from './types.js';

export interface NewMessageInput {
  body: string;
  visibility: Visibility;
  notify?: boolean | undefined;
  sendPairing?: boolean | undefined;
}

export interface AddedMessage {
  message: Message;
  notifications: QueuedMail[];
  warnings: Array<{ kind: string; message: string }>;
}

export async function addMessage(
  db: Db, config: Config, viewer: Viewer, caseNo: number, input: NewMessageInput,
): Promise<AddedMessage> {
  assertCanWrite(viewer, input.visibility);
  checkMessageBody(input.body);
  const pairing = input.sendPairing === true ? await newPairingSecrets() : null;

  return db.transaction().execute(async (trx) => {
    const row = await requireCase(trx, viewer, caseNo);
    checkMailRequest(input, row.contact_email);
    const message = await insertMessage(trx, viewer.accountId, row.id, {
      visibility: input.visibility, body: input.body,
      author: { type: 'staff', staffId: viewer.staffId, name: viewer.name },
    });
    if (isActivityForEveryReader(input.visibility)) {
      await touchCase(trx, viewer.accountId, row.id, message.createdAt);
    }
    await recordCaseEvent(trx, viewer.accountId, { caseNo: row.case_no,
      departmentId: row.department_id, change: 'message', visibility: input.visibility });
    const notifications = await queueCaseMail(trx, config, viewer, row, message, {
      notify: input.notify === true, pairing,
    });
    return { message, notifications, warnings: findSensitiveData(input.body) };
  });
}

/**
 * `notify` and `sendPairing` are offered only for a public message on a case
 * with a contact e-mail (PRODUCT.md rule 4): anything else is refused, never
 * silently dropped.
 */
function checkMailRequest(input: NewMessageInput, contactEmail: string | null): void {
  for (const flag of ['notify', 'sendPairing'] as const) {
    if (!input[flag]) continue;
    if (input.visibility !== 'public') {
      throw ValidationError.field(flag, 'is only possible for a public message');
    }
    if (contactEmail === null) {
      throw ValidationError.field(flag, 'needs a case with a contact e-mail');
    }
  }
}

export const REDACTED_BODY = '[redacted]';

export async function redactMessage(
  db: Db, viewer: Viewer, caseNo: number, messageId: number,
): Promise<Message> {
  assertSupervisor(viewer);
  return db.transaction().execute(async (trx) => {
    const row = await requireCase(trx, viewer, caseNo);
    const message = await findMessage(trx, viewer.accountId, row.id, messageId);
    if (!message) throw new NotFoundError('Message not found');
    if (!message.redacted) {
      await redactMessageBody(trx, viewer.accountId, message.id, REDACTED_BODY);
      // A notification of it still waiting in the outbox must not carry the words out.
      const notified = (await listHistory(trx, viewer.accountId, row.id))
        .filter((e) => e.type === 'notified' && e.details.messageId === message.id)
        .map((e) => Number(e.details.outboxId));
      await scrubMail(trx, viewer.accountId, notified, REDACTED_BODY);
      await insertHistory(trx, viewer.accountId, row.id, {
        type: 'message_redacted', actor: actorOf(viewer),
        details: { messageId: message.id, visibility: message.visibility },
      });
    }
    return { ...message, body: REDACTED_BODY, redacted: true };
  });
}
