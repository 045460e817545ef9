import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pdfText, pdfTextItems } from '../../test/support/pdf-text.js';
import type { Case, Message, PrintableCase } from '../domain/types.js';
import { renderCasePdf } from './case-pdf.js';

function message(overrides: Partial<Message> = {}): Message {
  return {
    id: 1,
    visibility: 'public',
    body: 'Hello, the printer on the second floor is on fire.',
    author: { type: 'customer', id: null, name: 'Carla Customer' },
    createdAt: '2024-03-05T12:07:00Z',
    redacted: false,
    ...overrides,
  };
}

type Overrides = Partial<Omit<PrintableCase, 'case'>> & { case?: Partial<Case> };

/** A case with a customer, one message of each visibility and two history entries. */
function printable(overrides: Overrides = {}): PrintableCase {
  const { case: caseOverrides, ...rest } = overrides;
  return {
    accountName: 'Acme Printing Ltd',
    timezone: 'Europe/Helsinki',
    printedAt: '2024-03-06T08:30:00Z',
    printedBy: 'Sam Supervisor',
    history: [
      {
        type: 'opened', at: '2024-03-01T10:00:00Z',
        actor: { type: 'staff', id: 7, name: 'Anna Agent' }, details: {},
        summary: 'opened the case',
      },
      {
        type: 'transferred', at: '2024-03-02T09:15:00Z',
        actor: { type: 'staff', id: 9, name: 'Sam Supervisor' },
        details: { from: 'Sales', to: 'Support' },
        summary: 'transferred the case from Sales to Support',
      },
    ],
    ...rest,
    case: {
      caseNo: 42,
      subject: 'Printer on fire',
      status: 'in_progress',
      department: { id: 2, name: 'Support' },
      contactEmail: 'carla@example.com',
      createdAt: '2024-03-01T10:00:00Z',
      updatedAt: '2024-03-05T12:07:00Z',
      closedAt: null,
      createdBy: { id: 7, name: 'Anna Agent' },
      customer: {
        id: 3, customerNo: 1001, name: 'Carla Customer',
        phones: [{ raw: '+358 40 123 4567 ext. 9', e164: '+358401234567' }],
        emails: ['carla@example.com', 'carla@work.example'],
        address: 'Printer Street 1\n00100 Helsinki', note: 'Prefers phone calls',
        externalRef: 'CRM-9', createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-01T00:00:00Z',
      },
      messages: [
        message(),
        message({
          id: 2, visibility: 'private', body: 'Internal: replacement toner ordered.',
          author: { type: 'staff', id: 7, name: 'Anna Agent' }, createdAt: '2024-03-05T12:30:00Z',
        }),
        message({
          id: 3, visibility: 'supervisor', body: 'Supervisors: check the fire insurance.',
          author: { type: 'staff', id: 9, name: 'Sam Supervisor' },
          createdAt: '2024-03-05T13:00:00Z',
        }),
      ],
      ...caseOverrides,
    },
  };
}

async function render(overrides: Overrides = {}): Promise<string> {
  return pdfText(await renderCasePdf(printable(overrides)));
}

describe('renderCasePdf', () => {
  it('shows the header, the customer, every message with its label, and the history', async () => {
    const text = await render();
    for (const expected of [
      'Acme Printing Ltd', 'Case #42', 'Printer on fire', 'Status: In Progress',
      'Department: Support', 'Opened: 2024-03-01 12:00', 'Updated: 2024-03-05 14:07',
      'Created by: Anna Agent', 'Times shown in: Europe/Helsinki',
      'Name: Carla Customer', 'Customer ID: C1001', 'Phones: +358 40 123 4567 ext. 9',
      'E-mails: carla@example.com, carla@work.example', 'Printer Street 1 00100 Helsinki',
      'Note: Prefers phone calls', 'External ref: CRM-9',
      // Each message: its visibility label, then author and time, then the body.
      'Public Customer · Carla Customer · 2024-03-05 14:07 Hello, the printer on the second'
        + ' floor is on fire.',
      'Private Staff · Anna Agent · 2024-03-05 14:30 Internal: replacement toner ordered.',
      'Supervisor Staff · Sam Supervisor · 2024-03-05 15:00 Supervisors: check the fire'
        + ' insurance.',
      '2024-03-01 12:00: Anna Agent opened the case',
      '2024-03-02 11:15: Sam Supervisor transferred the case from Sales to Support',
      'Printed by Sam Supervisor at 2024-03-06 10:30', 'Page 1 of 1',
    ]) {
      assert.ok(text.includes(expected), `missing "${expected}" in: ${text}`);
    }
    assert.ok(text.indexOf('toner') < text.indexOf('insurance'), 'messages keep their order');
    assert.ok(!text.includes('(redacted)'));
  });

  it('sets the document title and says "No customer" for a case without one', async () => {
    const buf = await renderCasePdf(printable({ case: { caseNo: 7, customer: null } }));
    const task = getDocument({ data: new Uint8Array(buf), isEvalSupported: false, verbosity: 0 });
    try {
      const { info } = await (await task.promise).getMetadata();
      assert.equal((info as { Title?: string }).Title, 'Case #7');
    } finally {
      await task.destroy();
    }
    const text = await pdfText(buf);
    assert.ok(text.includes('Customer No customer Messages (3)'), text);
  });

  it('shows a closed case and falls back to UTC for an unknown time zone', async () => {
    const text = await render({
      timezone: 'Mars/Olympus_Mons',
      case: { status: 'closed', closedAt: '2024-03-07T16:45:00Z' },
    });
    assert.ok(text.includes('Status: Closed'), text);
    assert.ok(text.includes('Closed: 2024-03-07 16:45'), text);
    assert.ok(text.includes('Times shown in: UTC'), text);
    assert.ok(text.includes('Updated: 2024-03-05 12:07'), text);
  });

  it('marks a redacted message as redacted and shows its replaced body', async () => {
    const redacted = message({
      id: 5, visibility: 'private', body: '[redacted by a supervisor]', redacted: true,
      author: { type: 'staff', id: 7, name: 'Anna Agent' },
    });
    const text = await render({ case: { messages: [redacted] } });
    assert.ok(text.includes(
      'Private Staff · Anna Agent · 2024-03-05 14:07 · (redacted) [redacted by a supervisor]',
    ), text);
  });

  it('lets a 2,000-word message run over several numbered pages, every word kept', async () => {
    const words = Array.from({ length: 2000 }, (_, i) => `word${i}`);
    const buf = await renderCasePdf(printable({
      case: { messages: [message({ body: words.join(' ') })] },
    }));
    const pages = Math.max(...(await pdfTextItems(buf)).map((item) => item.page));
    assert.ok(pages >= 3, `only ${pages} pages`);
    const text = await pdfText(buf);
    assert.ok(text.includes(`Page 1 of ${pages}`), text.slice(0, 3000));
    assert.ok(text.includes(`Page ${pages} of ${pages}`));
    let from = 0;
    for (const word of words) {
      const at = text.indexOf(`${word} `, from);
      assert.ok(at >= from, `${word} missing or out of order`);
      from = at;
    }
  });

  it('survives long words, emoji, right-to-left names, markup and control characters', async () => {
    const long = 'x'.repeat(299) + 'y';
    const emoji = '😀 👍🏽 👨‍👩‍👧';
    const body = `before ${long} after; emoji ${emoji} done; &amp; <b>bold</b>`
      + ' tab\there bell\u0007 lone\ud800surrogate end';
    const buf = await renderCasePdf(printable({
      accountName: 'Acme 🔥 Ltd',
      case: {
        subject: 'Printer 🖨️ on fire &amp; smoking',
        customer: { ...printable().case.customer!, name: 'משה כהן', note: 'محمد علي' },
        messages: [message({ body, author: { type: 'customer', id: null, name: 'سارة' } })],
      },
    }));
    const text = await pdfText(buf);
    for (const expected of [
      'before', 'after; emoji 😀 \uFFFD \uFFFD done; &amp; <b>bold</b> tab here bell',
      'lone\uFFFDsurrogate end', 'Printer \uFFFD on fire &amp; smoking', 'Acme \uFFFD Ltd',
      // pdfjs puts right-to-left runs in its own order; each word must be there.
      'משה', 'כהן', 'محمد', 'علي', 'سارة',
    ]) {
      assert.ok(text.includes(expected), `missing "${expected}" in: ${text}`);
    }
    assert.ok(/משה כהן|כהן משה/.test(text), 'right-to-left words keep their space');
    assert.ok(text.replace(/\s/g, '').includes(long), 'the long word is all there');
    assert.ok(!text.includes('\u0000'), 'no glyph without a character');
    for (const item of await pdfTextItems(buf)) {
      if (item.str.trim() === '') continue;
      assert.ok(item.x >= 49 && item.x + item.width <= item.pageWidth - 49,
        `"${item.str}" runs off the page: x=${item.x} width=${item.width}`);
    }
  });

  it('cuts a 20,000-character token into lines in linear time', async () => {
    const token = 'ab'.repeat(10_000);
    await renderCasePdf(printable()); // fonts loaded and code warm: time only the token
    const started = performance.now();
    const buf = await renderCasePdf(printable({ case: { messages: [message({ body: token })] } }));
    // pdfkit's own long-word breaking took ~9 s for this; cut first, it takes well under 1 s.
    assert.ok(performance.now() - started < 5000, 'rendering took too long');
    const text = (await pdfText(buf)).replace(/Printed by .*? Page \d+ of \d+/g, '');
    assert.ok(text.replace(/\s/g, '').includes(token), 'the token is all there');
  });

  it('does not show a message body that is not in the printable case', async () => {
    const secret = 'Supervisor-only: the customer owes us 5000 euros';
    const withSecret = printable();
    withSecret.case.messages.push(message({ id: 9, visibility: 'supervisor', body: secret }));
    assert.ok((await pdfText(await renderCasePdf(withSecret))).includes(secret));
    const text = await render();
    assert.ok(!text.includes(secret), 'pdfText can say no');
    assert.ok(!text.includes('5000'));
  });
});
