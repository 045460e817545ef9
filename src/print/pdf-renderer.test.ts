import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { pdfText } from '../../test/support/pdf-text.js';
import type { Message, PrintableCase } from '../domain/types.js';
import { startPdfRenderer } from './pdf-renderer.js';

function bigCase(messageCount: number): PrintableCase {
  const messages: Message[] = Array.from({ length: messageCount }, (_, i) => ({
    id: i + 1, visibility: 'public', redacted: false, createdAt: '2024-03-05T12:07:00Z',
    author: { type: 'customer', id: null, name: 'Carla Customer' },
    body: `Message ${i + 1}: the router drops the line every evening around eight. `.repeat(4),
  }));
  return {
    accountName: 'Acme', timezone: 'UTC', printedAt: '2024-03-06T08:30:00Z',
    printedBy: 'Sam', history: [],
    case: {
      caseNo: 7, subject: 'Router drops the line', status: 'in_progress',
      department: { id: 1, name: 'Support' }, contactEmail: null,
      createdAt: '2024-03-01T10:00:00Z', updatedAt: '2024-03-05T12:07:00Z', closedAt: null,
      createdBy: { id: 1, name: 'Anna' }, customer: null, messages,
    },
  };
}

describe('PDF renderer thread', () => {
  const renderer = startPdfRenderer();
  after(async () => { await renderer.close(); });

  it('renders cases side by side with the answers matched to their requests', async () => {
    const sizes = [1, 30, 2];
    const pdfs = await Promise.all(sizes.map((n) => renderer.render(bigCase(n))));
    for (const [i, pdf] of pdfs.entries()) {
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      const text = await pdfText(pdf);
      assert.ok(text.includes(`Messages (${sizes[i]})`), `PDF ${i} is the case asked for`);
    }
  });

  it('keeps the server thread free while a long case is set', async () => {
    let longestGapMs = 0;
    let last = performance.now();
    const tick = setInterval(() => {
      const at = performance.now();
      longestGapMs = Math.max(longestGapMs, at - last);
      last = at;
    }, 5);
    const started = performance.now();
    const pdf = await renderer.render(bigCase(1500));
    const tookMs = performance.now() - started;
    clearInterval(tick);
    assert.ok(pdf.length > 100_000);
    // Rendered on this thread, the longest gap would be the whole render.
    assert.ok(longestGapMs < Math.max(250, tookMs / 3),
      `longest event-loop gap ${longestGapMs.toFixed(0)} ms in a ${tookMs.toFixed(0)} ms render`);
  });

  it('ends a render past its time limit, and starts a new thread for the next', {
    timeout: 60_000,
  }, async () => {
    const hasty = startPdfRenderer({ timeoutMs: 1 });
    try {
      await assert.rejects(hasty.render(bigCase(1500)), /PDF thread stopped/);
      // A dead thread left in place would leave this one waiting forever.
      await assert.rejects(hasty.render(bigCase(1500)), /PDF thread stopped/);
    } finally {
      await hasty.close();
    }
  });
});
