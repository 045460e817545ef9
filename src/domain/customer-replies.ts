/**
 * A customer's answer on a case, from the portal or by e-mail: a public
 * message by the customer. It puts the case back on its department's desk and
 * reopens a closed case, saying so in the history (PRODUCT.md rule 6).
 */
import { touchCase, updateCaseRow } from '../storage/cases.js';
import type { Db } from '../storage/database.js';
import { insertHistory } from '../storage/history.js';
import { insertMessage } from '../storage/messages.js';
import type { CaseRow } from '../storage/schema.js';
import { recordCaseEvent } from './live-events.js';
import type { Message } from './types.js';

export async function addCustomerReply(
  trx: Db, row: CaseRow, reply: { body: string; authorName: string; via: 'portal' | 'email' },
): Promise<Message> {
  const message = await insertMessage(trx, row.account_id, row.id, {
    visibility: 'public', body: reply.body,
    author: { type: 'customer', staffId: null, name: reply.authorName },
  });
  if (row.status === 'closed') {
    await updateCaseRow(trx, row.account_id, row.id, { status: 'in_progress', closed_at: null },
      message.createdAt);
    await insertHistory(trx, row.account_id, row.id, {
      type: 'reopened', at: message.createdAt,
      actor: { type: 'customer', id: null, name: reply.authorName },
      details: { reason: 'customer_reply', via: reply.via, messageId: message.id,
        visibility: 'public' },
    });
  } else {
    await touchCase(trx, row.account_id, row.id, message.createdAt);
  }
  await recordCaseEvent(trx, row.account_id, { caseNo: row.case_no,
    departmentId: row.department_id, change: row.status === 'closed' ? 'status' : 'message',
    visibility: 'public' });
  return message;
}
