import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  MalformedMailError, readInboundMessage, roughText, type Envelope,
} from './inbound-message.js';

/** A raw message from header lines and body lines, joined with CRLF as on the wire. */
function raw(headers: string[], body: string[] = []): Buffer {
  return Buffer.from([...headers, '', ...body].join('\r\n'), 'utf8');
}

const BASE_HEADERS = {
  From: 'Ann Example <ann@example.com>',
  To: 'Help Desk <help@example.com>',
  Subject: 'Re: Printer [Case #42]',
  'Message-ID': '<reply-1@mail.example.com>',
  Date: 'Mon, 3 Mar 2025 10:05:00 +0000',
  'MIME-Version': '1.0',
  'Content-Type': 'text/plain; charset=utf-8',
};

/** A customer's plain text reply; `headers` replaces or (with null) removes base headers. */
function reply(
  body: string[], headers: Record<string, string | null> = {}, extra: string[] = [],
): Buffer {
  const merged: Record<string, string | null> = { ...BASE_HEADERS, ...headers };
  const lines = Object.entries(merged)
    .filter((entry): entry is [string, string] => entry[1] !== null)
    .map(([name, value]) => `${name}: ${value}`);
  return raw([...lines, ...extra], body);
}

const isMalformed = (pattern: RegExp) => (error: unknown) => {
  assert.ok(error instanceof MalformedMailError, `not a MalformedMailError: ${String(error)}`);
  assert.match(error.message, pattern);
  return true;
};

describe('readInboundMessage: a customer reply', () => {
  it('reads a Gmail reply into sender, ids and the text above the attribution', async () => {
    const message = await readInboundMessage(reply([
      'Thanks, the printer works again.', '',
      'On Mon, 3 Mar 2025 at 10:00, Help Desk <help@example.com> wrote:', '',
      '> Please restart the printer.', '>', '> Kind regards', '',
    ], { 'In-Reply-To': '<case-42-msg-7@help.example.com>',
      References: '<case-42@help.example.com> <case-42-msg-7@help.example.com>' }));

    assert.deepEqual(message, {
      from: { address: 'ann@example.com', name: 'Ann Example' },
      recipients: ['help@example.com'],
      subject: 'Re: Printer [Case #42]',
      messageId: 'reply-1@mail.example.com',
      inReplyTo: ['case-42-msg-7@help.example.com'],
      references: ['case-42@help.example.com', 'case-42-msg-7@help.example.com'],
      automatic: false,
      text: 'Thanks, the printer works again.',
      fullText: 'Thanks, the printer works again.\n\n'
        + 'On Mon, 3 Mar 2025 at 10:00, Help Desk <help@example.com> wrote:\n\n'
        + '> Please restart the printer.\n>\n> Kind regards\n',
    });
  });

  it('reads an Outlook reply, cutting its header block, from the plain text alternative',
    async () => {
      const message = await readInboundMessage(reply([
        '--outer', 'Content-Type: text/plain; charset="us-ascii"', '',
        'That fixed it, thank you.', '', 'Ann', '',
        '________________________________', 'From: Help Desk <help@example.com>',
        'Sent: Monday, March 3, 2025 10:00 AM', 'To: Ann Example <ann@example.com>',
        'Subject: Printer', '', 'Please restart it.', '',
        '--outer', 'Content-Type: text/html; charset="us-ascii"', '',
        '<html><body><p>HTML version</p></body></html>', '--outer--', '',
      ], { 'Content-Type': 'multipart/alternative; boundary="outer"' }));

      assert.equal(message.text, 'That fixed it, thank you.\n\nAnn');
      assert.equal(message.fullText, 'That fixed it, thank you.\n\nAnn\n\n'
        + '________________________________\nFrom: Help Desk <help@example.com>\n'
        + 'Sent: Monday, March 3, 2025 10:00 AM\nTo: Ann Example <ann@example.com>\n'
        + 'Subject: Printer\n\nPlease restart it.\n');
    });

  it('turns HTML-only mail into text and cuts the attribution and blockquote', async () => {
    const message = await readInboundMessage(reply([
      '<html><body><p>Hi &amp; thanks,<br>it works &lt;again&gt; &#8364;5 &eacute;t&eacute;.</p>',
      '<p>Ann</p><div class="gmail_quote">',
      '<div>On Mon, 3 Mar 2025 at 10:00, Help Desk &lt;help@example.com&gt; wrote:<br></div>',
      '<blockquote>Please restart it.<br>Kind regards</blockquote></div></body></html>',
    ], { 'Content-Type': 'text/html; charset=utf-8' }));

    assert.equal(message.text, 'Hi & thanks,\nit works <again> €5 été.\n\nAnn');
    assert.equal(message.fullText, 'Hi & thanks,\nit works <again> €5 été.\n\nAnn\n\n'
      + 'On Mon, 3 Mar 2025 at 10:00, Help Desk <help@example.com> wrote:\n\n\n'
      + '> Please restart it.\n> Kind regards');
  });

  it('keeps the words of HTML too long to convert, in linear time', async () => {
    const table = `<table>${'<tr><td>Order &amp; item</td><td>42</td></tr>\n'.repeat(12_000)}`
      + '</table><p>Please call me back.</p>';
    assert.ok(table.length > 200_000);
    const started = performance.now();
    const message = await readInboundMessage(raw(['From: ann@example.com', 'Subject: Big',
      'Content-Type: text/html; charset=utf-8'], [table]));
    assert.ok(message.fullText.includes('Order & item 42'), message.fullText.slice(0, 80));
    assert.ok(message.fullText.endsWith('Please call me back.'));
    assert.ok(performance.now() - started < 5_000);
  });

  it('reads rough text without a pattern that grows with the square of its input', () => {
    assert.equal(roughText('a<SCRIPT src=x>bad</Script >b<style>p{}</style>c<br>d &#33;&bogus;'),
      'a b c\nd !&bogus;');
    assert.equal(roughText('kept<script>never closed'), 'kept');
    // Each of these took tens of seconds with the obvious regular expressions.
    for (const evil of ['<'.repeat(200_000), '<script>a'.repeat(40_000),
      `<p${' x'.repeat(300_000)}`]) {
      const started = performance.now();
      roughText(evil);
      assert.ok(performance.now() - started < 1_000, evil.slice(0, 20));
    }
  });

  it('takes the text part of multipart/alternative, not the HTML', async () => {
    const message = await readInboundMessage(reply([
      '--alt', 'Content-Type: text/plain; charset=utf-8', '', 'Plain words.', '',
      '--alt', 'Content-Type: text/html; charset=utf-8', '', '<p>HTML words.</p>', '--alt--', '',
    ], { 'Content-Type': 'multipart/alternative; boundary="alt"' }));

    assert.equal(message.text, 'Plain words.');
    assert.equal(message.fullText, 'Plain words.\n');
  });

  it('decodes a quoted-printable body, soft line breaks and UTF-8 included', async () => {
    const message = await readInboundMessage(reply(
      ['Gr=C3=BC=C3=9Fe, the printer on floor 3 is =', 'broken again =E2=80=93 sorry!'],
      { 'Content-Transfer-Encoding': 'quoted-printable' }));

    assert.equal(message.text, 'Grüße, the printer on floor 3 is broken again – sorry!');
  });

  it('decodes a base64 body', async () => {
    const body = Buffer.from('Hyvää päivää,\nthe invoice is attached.\n', 'utf8')
      .toString('base64');
    const message = await readInboundMessage(reply([body],
      { 'Content-Transfer-Encoding': 'base64' }));

    assert.equal(message.text, 'Hyvää päivää,\nthe invoice is attached.');
  });

  it('decodes a subject written as UTF-8 encoded words, B and Q', async () => {
    const message = await readInboundMessage(reply(['Hello'], {
      Subject: '=?UTF-8?B?UmU6IMOEcGZlbA==?= =?utf-8?q?_und_Birnen_=E2=82=AC?=',
      From: '=?utf-8?q?Zo=C3=AB_M=C3=BCller?= <zoe@example.com>',
    }));

    assert.equal(message.subject, 'Re: Äpfel und Birnen €');
    assert.deepEqual(message.from, { address: 'zoe@example.com', name: 'Zoë Müller' });
  });

  it('removes NUL characters from the text, the full text and the subject', async () => {
    const message = await readInboundMessage(reply(['Serial: AB\u0000C12', 'Ann'],
      { Subject: 'Broken\u0000 printer' }));

    assert.equal(message.text, 'Serial: ABC12\nAnn');
    assert.equal(message.fullText, 'Serial: ABC12\nAnn');
    assert.equal(message.subject, 'Broken printer');
  });
});

describe('readInboundMessage: threading ids', () => {
  it('lists several In-Reply-To and References ids without brackets, in header order',
    async () => {
      const message = await readInboundMessage(reply(['Hi'], {
        'In-Reply-To': '<b@help.example.com> <a@help.example.com>',
        References: '<r1@help.example.com>\r\n <r2@help.example.com>,<r3@help.example.com>',
      }, ['References: <r4@help.example.com> (a comment)', 'In-Reply-To: <c@help.example.com>']));

      assert.deepEqual(message.inReplyTo,
        ['b@help.example.com', 'a@help.example.com', 'c@help.example.com']);
      assert.deepEqual(message.references, ['r1@help.example.com', 'r2@help.example.com',
        'r3@help.example.com', 'r4@help.example.com']);
    });

  it('reads an id written without angle brackets and drops a repeated one', async () => {
    const message = await readInboundMessage(reply(['Hi'], {
      'Message-ID': 'bare-id@mail.example.com',
      References: '<r1@help.example.com> <r1@help.example.com>',
    }));

    assert.equal(message.messageId, 'bare-id@mail.example.com');
    assert.deepEqual(message.references, ['r1@help.example.com']);
  });

  it('gives null, empty lists and an empty subject when those headers are missing',
    async () => {
      const message = await readInboundMessage(reply(['Hi'],
        { 'Message-ID': null, Subject: null }));

      assert.equal(message.messageId, null);
      assert.equal(message.subject, '');
      assert.deepEqual([message.inReplyTo, message.references], [[], []]);
    });
});

describe('readInboundMessage: sender and recipients', () => {
  it('collects To, Cc, Delivered-To, X-Original-To and the envelope, lowercased, once each',
    async () => {
      const envelope: Envelope = { mailFrom: 'ann@example.com',
        rcptTo: ['<Case-42@Help.Example.com>', 'billing@example.com', 'new@help.example.com'] };
      const message = await readInboundMessage(reply(['Hi'], {
        To: 'Help Desk <Help@Example.com>, Team: sales@example.com, billing@example.com;',
        Cc: '"Bob, Example" <bob@example.com>',
      }, ['Delivered-To: case-42@help.example.com', 'Delivered-To: help@example.com',
        'X-Original-To: Help+Case-42@example.com', 'Cc: carol@example.com']), envelope);

      assert.deepEqual(message.recipients, ['help@example.com', 'sales@example.com',
        'billing@example.com', 'bob@example.com', 'carol@example.com',
        'case-42@help.example.com', 'help+case-42@example.com', 'new@help.example.com']);
    });

  it('gives a null name when From has only an address', async () => {
    const message = await readInboundMessage(reply(['Hi'], { From: 'ann@example.com' }));
    assert.deepEqual(message.from, { address: 'ann@example.com', name: null });
  });

  it('gives a null sender when From is missing or has no address', async () => {
    for (const from of [null, '<>', 'Ann Example']) {
      const message = await readInboundMessage(reply(['Hi'], { From: from }));
      assert.equal(message.from, null, String(from));
    }
  });
});

describe('readInboundMessage: automatic mail', () => {
  const automatic = async (headers: Record<string, string | null>, extra: string[] = [],
    envelope?: Envelope) => (await readInboundMessage(reply(['Hi'], headers, extra), envelope))
    .automatic;

  it('marks Auto-Submitted: auto-replied as automatic, parameters and case aside', async () => {
    assert.equal(await automatic({ 'Auto-Submitted': 'auto-replied' }), true);
    assert.equal(await automatic({ 'Auto-Submitted': 'Auto-Generated; owner-email=x@example.com' }),
      true);
  });

  it('does not mark Auto-Submitted: no as automatic', async () => {
    assert.equal(await automatic({ 'Auto-Submitted': 'No' }), false);
  });

  it('marks X-Autoreply and X-Autorespond as automatic whatever their value', async () => {
    assert.equal(await automatic({}, ['X-Autoreply: yes']), true);
    assert.equal(await automatic({}, ['X-Autorespond: Out of office']), true);
  });

  it('marks Precedence bulk, junk, list and auto_reply as automatic, not first-class',
    async () => {
      for (const value of ['bulk', 'Junk', 'list', 'auto_reply']) {
        assert.equal(await automatic({}, [`Precedence: ${value}`]), true, value);
      }
      assert.equal(await automatic({}, ['Precedence: first-class']), false);
    });

  it('marks a delivery status notification as automatic and keeps its human text',
    async () => {
      const message = await readInboundMessage(reply([
        '--report', 'Content-Type: text/plain; charset=us-ascii', '',
        'Your message to gone@example.org could not be delivered.', '',
        '--report', 'Content-Type: message/delivery-status', '',
        'Reporting-MTA: dns; mx.example.com', '', 'Final-Recipient: rfc822; gone@example.org',
        'Action: failed', 'Status: 5.1.1', '',
        '--report', 'Content-Type: text/rfc822-headers', '',
        'From: help@example.com', 'Subject: Re: Printer', '', '--report--', '',
      ], { From: 'Mail Delivery System <bounces@mx.example.com>',
        'Content-Type': 'multipart/report; report-type=delivery-status; boundary="report"' }));

      assert.equal(message.automatic, true);
      assert.equal(message.text, 'Your message to gone@example.org could not be delivered.');
    });

  it('marks a delivery-status part inside multipart/mixed as automatic', async () => {
    const message = await readInboundMessage(reply([
      '--mixed', 'Content-Type: text/plain', '', 'Delivery failed.', '',
      '--mixed', 'Content-Type: message/delivery-status', '', 'Action: failed', '',
      '--mixed--', '',
    ], { 'Content-Type': 'multipart/mixed; boundary="mixed"' }));

    assert.equal(message.automatic, true);
    assert.equal(message.fullText, 'Delivery failed.\n');
  });

  it('marks mail with the null envelope sender, "" or "<>", as automatic', async () => {
    assert.equal(await automatic({}, [], { mailFrom: '', rcptTo: [] }), true);
    assert.equal(await automatic({}, [], { mailFrom: '<>', rcptTo: [] }), true);
    assert.equal(await automatic({}, [], { mailFrom: 'ann@example.com', rcptTo: [] }), false);
  });

  it('marks mail whose recorded Return-Path is <> as automatic', async () => {
    assert.equal(await automatic({}, ['Return-Path: <>']), true);
    assert.equal(await automatic({}, ['Return-Path: <ann@example.com>']), false);
  });

  it('marks MAILER-DAEMON and postmaster senders as automatic, unknown envelope or not',
    async () => {
      const unknown: Envelope = { mailFrom: null, rcptTo: ['help@example.com'] };
      assert.equal(await automatic({ From: 'MAILER-DAEMON@mx.example.com' }, [], unknown), true);
      assert.equal(await automatic({ From: 'Mail System <Postmaster@example.com>' }), true);
      assert.equal(await automatic({ From: 'MAILER-DAEMON' }), true);
      assert.equal(await automatic({}, [],
        { mailFrom: '<MAILER-DAEMON@mx.example.com>', rcptTo: [] }), true);
    });
});

describe('readInboundMessage: unusable bytes', () => {
  it('rejects garbage bytes with MalformedMailError for having no headers', async () => {
    const garbage = Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x89, 0x50, 0x4e, 0x47, 0x0d]);
    await assert.rejects(readInboundMessage(garbage), isMalformed(/no header/));
  });

  it('rejects an empty buffer and text without a header section', async () => {
    await assert.rejects(readInboundMessage(Buffer.alloc(0)), isMalformed(/no header/));
    await assert.rejects(readInboundMessage(Buffer.from('\r\nJust a body\r\n')),
      isMalformed(/no header/));
    await assert.rejects(readInboundMessage(Buffer.from('hello there, no colon here')),
      isMalformed(/no header/));
  });

  it('reads a message without a text part as empty text, keeping who and what subject',
    async () => {
      const bare = await readInboundMessage(raw(['From: ann@example.com', 'Subject: Hi']));
      assert.deepEqual([bare.from?.address, bare.subject, bare.fullText],
        ['ann@example.com', 'Hi', '']);
      const image = raw(['From: ann@example.com', 'Subject: Photo', 'Content-Type: image/png',
        'Content-Transfer-Encoding: base64'], ['iVBORw0KGgo=']);
      assert.equal((await readInboundMessage(image)).fullText, '');
    });

  it('rejects a header block the parser refuses, keeping its reason as the cause', async () => {
    const huge = raw(['From: ann@example.com', `X-Filler: ${'a'.repeat(1_100_000)}`], ['Hi']);
    await assert.rejects(readInboundMessage(huge), (error: unknown) => {
      assert.ok(error instanceof MalformedMailError);
      assert.match(error.message, /could not be parsed: .*header size/i);
      assert.ok(error.cause instanceof Error);
      return true;
    });
  });
});

describe('automatic mail without Auto-Submitted', () => {
  const mail = (headers: string, subject = 'Re: your case', from = 'Carla <carla@example.com>') =>
    Buffer.from(`From: ${from}\r\nTo: cases+acme.abcdefghijklmnopqrst@mail.test\r\n`
      + `Subject: ${subject}\r\n${headers}Content-Type: text/plain\r\n\r\nHello\r\n`);

  for (const [name, raw] of [
    ['X-Autogenerated', mail('X-Autogenerated: Reply\r\n')],
    ['List-Id', mail('List-Id: <news.example.com>\r\n')],
    ['X-Loop', mail('X-Loop: helpdesk@example.com\r\n')],
    ['an "Automatic reply:" subject', mail('', 'Automatic reply: your case')],
    ['an "Out of Office" subject', mail('', 'Out of Office: back Monday')],
    ['a Mail Delivery System sender', mail('', 'Failure notice',
      'Mail Delivery System <noreply@relay.example>')],
  ] as const) {
    it(`counts ${name} as automatic`, async () => {
      assert.equal((await readInboundMessage(raw)).automatic, true);
    });
  }

  it('leaves an ordinary reply alone', async () => {
    assert.equal((await readInboundMessage(mail(''))).automatic, false);
  });
});
