import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messageNotification, pairingInstruction, portalLogin } from './templates.js';
import type { MailContent } from './templates.js';

type NotificationInput = Parameters<typeof messageNotification>[0];
type PairingInput = Parameters<typeof pairingInstruction>[0];
type LoginInput = Parameters<typeof portalLogin>[0];

const PORTAL = 'https://help.example/portal';
const PAIR_LINK = `${PORTAL}/pair?token=k3Jq9xVb2mWc8pLr4tYz7nHs1dFg6aQe`;
const LOGIN_LINK = `${PORTAL}/session?token=Zr8Yw2Kp5Lm9Qx3Vn7Bt4Hc6Jd1Fg0Sa`;
const HOSTILE = `<script>alert(1)</script>"'&`;
const HOSTILE_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;';
const RTL_AND_EMOJI = 'שלום, תודה רבה 🙏 — مرحبا بك 👩🏽‍💻 🇫🇮';

function notification(overrides: Partial<NotificationInput> = {}): NotificationInput {
  return {
    accountName: 'Acme Printing Ltd',
    caseNo: 42,
    caseSubject: 'Printer jams on page two',
    message: {
      body: 'We have ordered a new roller.\nIt arrives on Friday.',
      authorName: 'Sam Jones',
      createdAt: '2026-12-04T14:05:00Z',
    },
    timezone: 'Europe/Helsinki',
    portalUrl: PORTAL,
    ...overrides,
  };
}

function pairing(overrides: Partial<PairingInput> = {}): PairingInput {
  return {
    accountName: 'Acme Printing Ltd',
    caseNo: 42,
    caseSubject: 'Printer jams on page two',
    pairLink: PAIR_LINK,
    portalUrl: PORTAL,
    accountSlug: 'acme',
    code: 'ABCD2345',
    expiresAt: '2026-12-04T14:05:00Z',
    timezone: 'Europe/Helsinki',
    ...overrides,
  };
}

function login(overrides: Partial<LoginInput> = {}): LoginInput {
  return {
    accountName: 'Acme Printing Ltd',
    loginLink: LOGIN_LINK,
    portalUrl: PORTAL,
    expiresAt: '2026-12-04T14:05:00Z',
    timezone: 'Europe/Helsinki',
    ...overrides,
  };
}

const lines = (text: string) => text.split('\n');
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Names of elements left open or closed out of order; an empty list for balanced markup. */
function unbalancedTags(markup: string): string[] {
  const open: string[] = [];
  const wrong: string[] = [];
  for (const [, slash, name] of markup.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>/g)) {
    const tag = (name ?? '').toLowerCase();
    if (tag === 'meta' || tag === 'br') continue;
    if (!slash) open.push(tag);
    else if (open.pop() !== tag) wrong.push(tag);
  }
  return [...wrong, ...open];
}

/** The three mails, each with the links it was given, built from inputs that force wrapping. */
function everyMail(): Array<{ kind: string; mail: MailContent; links: string[] }> {
  const longName = 'The Very Long Named Northern and Southern Printing and Copying Company Ltd';
  const longSubject = 'The printer on the second floor jams on page two of every document '
    + 'that is longer than a single page, but only on Mondays';
  return [
    {
      kind: 'messageNotification',
      mail: messageNotification(notification({ accountName: longName, caseSubject: longSubject })),
      links: [PORTAL],
    },
    {
      kind: 'pairingInstruction',
      mail: pairingInstruction(pairing({ accountName: longName, caseSubject: longSubject })),
      links: [PAIR_LINK, PORTAL],
    },
    {
      kind: 'portalLogin',
      mail: portalLogin(login({ accountName: longName })),
      links: [LOGIN_LINK, PORTAL],
    },
  ];
}

describe('messageNotification', () => {
  it('names the case number and subject in the subject line', () => {
    const { subject } = messageNotification(notification());
    assert.equal(subject, '[Case #42] Printer jams on page two');
  });

  it('says who wrote and when in the account time zone, above the body as written', () => {
    const { text } = messageNotification(notification());
    assert.ok(lines(text).includes('Case #42: Printer jams on page two'), text);
    assert.ok(text.includes('Sam Jones wrote on 4 December 2026, 16:05 (Europe/Helsinki):\n\n'
      + 'We have ordered a new roller.\nIt arrives on Friday.\n'), text);
  });

  it('keeps every line of a several-line body in the text and turns them into <br> in the HTML',
    () => {
      const body = 'First line\r\nSecond line\n\nAfter a blank line\rLast line';
      const mail = messageNotification(notification({ message: {
        ...notification().message, body,
      } }));
      assert.ok(mail.text.includes('First line\nSecond line\n\nAfter a blank line\nLast line\n'));
      assert.ok(mail.html.includes(
        'First line<br>Second line<br><br>After a blank line<br>Last line</div>'), mail.html);
    });

  it('leaves a long body line whole, because the body is sent exactly as written', () => {
    const long = 'word '.repeat(40).trim();
    const mail = messageNotification(notification({ message: {
      ...notification().message, body: long,
    } }));
    assert.ok(lines(mail.text).includes(long));
  });

  it('tells the customer that a reply joins the case and where to follow it online', () => {
    const { text, html } = messageNotification(notification());
    assert.match(text, /reply to this e-mail: your reply is added to the case/);
    assert.ok(lines(text).includes(PORTAL), text);
    assert.ok(html.includes(`<a href="${PORTAL}"`), html);
  });

  it('passes emoji and right-to-left text in the body through intact, marked dir="auto"', () => {
    const mail = messageNotification(notification({ message: {
      ...notification().message, body: RTL_AND_EMOJI,
    } }));
    assert.ok(lines(mail.text).includes(RTL_AND_EMOJI));
    assert.ok(mail.html.includes(`<div dir="auto"`));
    assert.ok(mail.html.includes(`>${RTL_AND_EMOJI}</div>`));
  });

  it('escapes markup in the case subject, body, author and account name of the HTML', () => {
    const mail = messageNotification(notification({
      accountName: HOSTILE, caseSubject: HOSTILE,
      message: { body: HOSTILE, authorName: HOSTILE, createdAt: '2026-12-04T14:05:00Z' },
    }));
    assert.ok(!mail.html.includes('<script'), mail.html);
    assert.ok(!mail.html.includes(`"'`), mail.html);
    const count = mail.html.split(HOSTILE_ESCAPED).length - 1;
    assert.equal(count, 5, 'title, heading, author line, body and sign-off, each escaped');
    assert.ok(mail.text.includes(HOSTILE), 'the text body is plain text and needs no escaping');
  });
});

describe('pairingInstruction', () => {
  it('holds the link, portal address, account, Case # and code each on a line of its own', () => {
    const text = lines(pairingInstruction(pairing()).text);
    for (const line of [PAIR_LINK, `Portal: ${PORTAL}`, 'Account: acme', 'Case #42',
      'Pairing code: ABCD2345']) {
      assert.ok(text.includes(line), `missing line ${JSON.stringify(line)} in\n${text.join('\n')}`);
    }
  });

  it('names the case in a subject that contains "Case #42"', () => {
    assert.equal(pairingInstruction(pairing()).subject, '[Case #42] Follow your case online');
  });

  it('gives the expiry in the account time zone, not in UTC', () => {
    const helsinki = pairingInstruction(pairing()).text.replace(/\s+/g, ' ');
    assert.match(helsinki, /expire on 4 December 2026, 16:05 \(Europe\/Helsinki\)\./);
    const newYork = pairingInstruction(pairing({ timezone: 'America/New_York' })).text;
    assert.match(newYork.replace(/\s+/g, ' '), /4 December 2026, 09:05 \(America\/New_York\)/);
  });

  it('says the link and code work once and that an unexpected mail can be ignored', () => {
    const { text, html } = pairingInstruction(pairing());
    const sentence = 'They work only once; if you did not expect this e-mail, you can ignore it.';
    assert.ok(text.replace(/\s+/g, ' ').includes(sentence), text);
    assert.ok(html.includes(sentence), html);
  });

  it('shows the link as a button with the address as text, and the code in monospace', () => {
    const { html } = pairingInstruction(pairing());
    assert.match(html, /<a href="[^"]+" style="display:inline-block;[^"]*">Follow case #42<\/a>/);
    assert.match(html, /monospace;[^"]*">https:\/\/help\.example\/portal\/pair\?token=\w+<\/p>/);
    assert.match(html, /<div style="[^"]*monospace;[^"]*">ABCD2345<\/div>/);
  });

  it('escapes a hostile case subject and account name in the HTML', () => {
    const { html } = pairingInstruction(pairing({ accountName: HOSTILE, caseSubject: HOSTILE }));
    assert.ok(!html.includes('<script'), html);
    assert.ok(html.includes(HOSTILE_ESCAPED), html);
  });

  it('falls back to UTC, and says so, for a time zone this runtime does not know', () => {
    const { text } = pairingInstruction(pairing({ timezone: 'Mars/Olympus_Mons' }));
    assert.match(text.replace(/\s+/g, ' '), /4 December 2026, 14:05 \(UTC\)/);
  });
});

describe('portalLogin', () => {
  it('is titled with the account name and holds the sign-in link on a line of its own', () => {
    const mail = portalLogin(login());
    assert.equal(mail.subject, 'Your sign-in link for Acme Printing Ltd');
    assert.ok(lines(mail.text).includes(LOGIN_LINK), mail.text);
    assert.ok(lines(mail.text).includes(PORTAL), mail.text);
    assert.match(mail.html, /<a href="[^"]+" style="display:inline-block;[^"]*">Sign in<\/a>/);
  });

  it('gives the expiry in the account time zone and says an unasked mail can be ignored', () => {
    const text = portalLogin(login()).text.replace(/\s+/g, ' ');
    assert.match(text, /expires on 4 December 2026, 16:05 \(Europe\/Helsinki\)\./);
    assert.match(text, /if you did not ask for it, you can ignore this e-mail\./);
  });

  it('signs the mail with the account name', () => {
    const mail = portalLogin(login());
    assert.ok(mail.text.endsWith('Kind regards,\nAcme Printing Ltd\n'), mail.text);
    assert.ok(mail.html.includes('Kind regards,<br>Acme Printing Ltd</p>'));
  });
});

describe('subject lines', () => {
  it('flatten CR, LF and tab in a case subject so no header can be injected', () => {
    const caseSubject = 'Invoice\r\nBcc: everyone@example.com\n\tplease  check';
    const { subject } = messageNotification(notification({ caseSubject }));
    assert.equal(subject, '[Case #42] Invoice Bcc: everyone@example.com please check');
  });

  it('flatten NUL, escape and line-separator characters in an account name', () => {
    const { subject } = portalLogin(login({ accountName: 'Acme\u0000\u001b[31m\u2028Ltd\u0085' }));
    assert.equal(subject, 'Your sign-in link for Acme [31m Ltd');
  });

  it('are cut at 200 characters between whole emoji, ending with an ellipsis', () => {
    const caseSubject = `Broken ${'👩🏽‍💻'.repeat(100)}`;
    const { subject } = messageNotification(notification({ caseSubject }));
    assert.ok(subject.length <= 200, `${subject.length}`);
    assert.ok(subject.endsWith('👩🏽‍💻…'), subject);
    assert.doesNotMatch(subject, LONE_SURROGATE, 'no half of a surrogate pair is left');
  });

  it('keep emoji and right-to-left text in a case subject', () => {
    const { subject } = messageNotification(notification({ caseSubject: RTL_AND_EMOJI }));
    assert.equal(subject, `[Case #42] ${RTL_AND_EMOJI}`);
  });
});

describe('every customer mail', () => {
  it('keeps text lines at 78 columns or fewer, except lines that hold a URL', () => {
    for (const { kind, mail } of everyMail()) {
      for (const line of lines(mail.text)) {
        if (/https?:\/\//.test(line)) continue;
        assert.ok([...line].length <= 78, `${kind}: ${line.length} columns: ${line}`);
      }
    }
  });

  it('is a complete HTML document made for phones: lang, viewport, one 600px column', () => {
    for (const { kind, mail } of everyMail()) {
      assert.ok(mail.html.startsWith('<!DOCTYPE html>\n<html lang="en">'), kind);
      assert.match(mail.html, /<meta name="viewport" content="width=device-width[^"]*">/);
      assert.match(mail.html, /<meta charset="utf-8">/);
      assert.match(mail.html, /max-width:600px/);
      assert.match(mail.html, /<title>[^<]+<\/title>/);
      assert.deepEqual(unbalancedTags(mail.html), [], kind);
    }
  });

  it('sets no text smaller than 16px and uses inline styles only', () => {
    for (const { kind, mail } of everyMail()) {
      const sizes = [...mail.html.matchAll(/font-size:(\d+)px/g)].map((m) => Number(m[1]));
      assert.ok(sizes.length > 0 && sizes.every((size) => size >= 16), `${kind}: ${sizes}`);
      assert.doesNotMatch(mail.html, /<style|class=/i, kind);
    }
  });

  it('loads nothing and tracks nothing: no images, scripts or external resources', () => {
    for (const { kind, mail } of everyMail()) {
      assert.doesNotMatch(mail.html, /<(img|script|link|iframe|object|svg)\b|src=|url\(/i, kind);
    }
  });

  it('links to no http address other than the ones it was given', () => {
    for (const { kind, mail, links } of everyMail()) {
      const found = [...mail.html.matchAll(/https?:\/\/[^\s"'<>]+/g)]
        .map((m) => m[0].replaceAll('&amp;', '&'));
      assert.ok(found.length > 0, kind);
      for (const url of found) assert.ok(links.includes(url), `${kind}: unexpected ${url}`);
    }
  });

  it('escapes an ampersand in a given link inside the href', () => {
    const pairLink = `${PORTAL}/pair?token=abc&lang=en`;
    const { html, text } = pairingInstruction(pairing({ pairLink }));
    assert.ok(html.includes(`href="${PORTAL}/pair?token=abc&amp;lang=en"`), html);
    assert.ok(lines(text).includes(pairLink));
  });

  it('is the same mail, byte for byte, when built twice from the same input', () => {
    assert.deepEqual(pairingInstruction(pairing()), pairingInstruction(pairing()));
    assert.deepEqual(messageNotification(notification()), messageNotification(notification()));
  });

  it('refuses a link that is not http(s) or that contains a line break', () => {
    assert.throws(() => portalLogin(login({ loginLink: 'javascript:alert(1)' })), TypeError);
    assert.throws(() => pairingInstruction(pairing({ pairLink: `${PAIR_LINK}\r\nBcc: x` })),
      TypeError);
    assert.throws(() => messageNotification(notification({ portalUrl: '/portal' })), TypeError);
  });
});
