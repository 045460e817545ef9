import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeHistoryEntry } from './history-text.js';

const entry = (type: string, details: Record<string, unknown> = {}) => ({
  type, at: '2024-03-01T10:00:00Z', actor: { type: 'staff' as const, id: 1, name: 'Ann' },
  details,
});

describe('history entries as sentences', () => {
  it('reads known types as sentences, with Customer IDs as staff type them', () => {
    assert.equal(describeHistoryEntry(entry('transferred', { from: 'Sales', to: 'Support' })),
      'transferred the case from Sales to Support');
    assert.equal(describeHistoryEntry(entry('customer_changed', { customerNo: 12 })),
      'set the customer to C12');
    assert.equal(describeHistoryEntry(entry('customer_changed', { customerNo: null })),
      'removed the customer');
    assert.equal(describeHistoryEntry(entry('reopened', { reason: 'customer_reply',
      via: 'email' })), 'reopened the case by replying by e-mail');
    assert.equal(describeHistoryEntry(entry('message_redacted', { messageId: 5,
      visibility: 'private' })), 'redacted message 5 (Private)');
    assert.equal(describeHistoryEntry(entry('opened', { via: 'email_triage', inboundMailId: 3 })),
      'opened the case from an e-mail in triage');
  });

  it('shows a type it does not know with its details', () => {
    assert.equal(describeHistoryEntry(entry('sla_breached', { hours: 4, note: null })),
      'sla breached (hours: 4)');
  });
});
