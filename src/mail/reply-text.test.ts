import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { trimReply } from './reply-text.js';

const lines = (...all: string[]) => all.join('\n');

describe('trimReply: attribution lines', () => {
  it('cuts a Gmail attribution and the quote below it', () => {
    const text = lines('Thanks, the printer works again.', '',
      'On Mon, 3 Mar 2025 at 10:00, Help Desk <help@example.com> wrote:',
      '> Please restart the printer.', '>', '> Kind regards');
    assert.equal(trimReply(text), 'Thanks, the printer works again.');
  });

  it('cuts an attribution that the sender wrapped over two lines', () => {
    const text = lines('Done.', '',
      'On Mon, 3 Mar 2025 at 10:00, Help Desk Team of Example Ltd <help@example.com>',
      'wrote:', '', '> Please restart the printer.');
    assert.equal(trimReply(text), 'Done.');
  });

  it('cuts an attribution wrapped inside the address', () => {
    const text = lines('Done.', 'On Tue, 4 Mar 2025 at 09:15, A Rather Long Display Name <',
      'long.name@example.com> wrote:', '> Old text');
    assert.equal(trimReply(text), 'Done.');
  });

  it('cuts the German, French, Spanish and Finnish attributions', () => {
    const written = [
      'Am Mo., 3. März 2025 um 10:00 Uhr schrieb Help Desk <help@example.com>:',
      'Am 03.03.2025 um 10:00 schrieb Help Desk <help@example.com>:',
      'Le lun. 3 mars 2025 à 10:00, Help Desk <help@example.com> a écrit\u00a0:',
      'El lun, 3 mar 2025 a las 10:00, Help Desk (<help@example.com>) escribió:',
      'ma 3.3.2025 klo 10.00 Help Desk (help@example.com) kirjoitti:',
    ];
    for (const attribution of written) {
      assert.equal(trimReply(lines('Danke.', '', attribution, '> Alt')), 'Danke.', attribution);
    }
  });

  it('cuts a wrapped Finnish attribution that starts with the weekday', () => {
    const text = lines('Kiitos.', 'ma 3.3.2025 klo 10.00 Help Desk (help@example.com)',
      'kirjoitti:', '> Vanha viesti');
    assert.equal(trimReply(text), 'Kiitos.');
  });

  it('keeps a customer line starting with "On" that sits just above the attribution', () => {
    const text = lines('On second thought, it works.',
      'On Mon, 3 Mar 2025 at 10:00, Help Desk <help@example.com> wrote:', '> Old text');
    assert.equal(trimReply(text), 'On second thought, it works.');
  });

  it('keeps a prose "wrote:" line without a date or address, and what follows it', () => {
    const text = lines('My colleague wrote:', 'the invoice is wrong.');
    assert.equal(trimReply(text), text);
  });

  it('cuts unquoted history below an attribution when the client did not mark it with >', () => {
    const text = lines('Yes, please.', '',
      'On 3 Mar 2025, at 10:00, Help Desk <help@example.com> wrote:', '',
      'Shall we send a new one?');
    assert.equal(trimReply(text), 'Yes, please.');
  });
});

describe('trimReply: interleaved replies and quoted blocks', () => {
  it('keeps quotes the customer answered below, dropping only the trailing quote', () => {
    const text = lines('On Mon, 3 Mar 2025 at 10:00, Help Desk <help@example.com> wrote:',
      '> What is the serial number?', 'SN-1234', '', '> And the model?', 'X200', '',
      '> Kind regards', '> Help Desk');
    assert.equal(trimReply(text), lines(
      'On Mon, 3 Mar 2025 at 10:00, Help Desk <help@example.com> wrote:',
      '> What is the serial number?', 'SN-1234', '', '> And the model?', 'X200'));
  });

  it('keeps interleaved quotes written without any attribution', () => {
    const text = lines('> Which office?', 'Leeds.', '> Since when?', 'Monday.');
    assert.equal(trimReply(text), text);
  });

  it('drops a trailing quoted block that has no attribution above it', () => {
    const text = lines('Here it is.', '', '> Can you send the log?', '> Thanks');
    assert.equal(trimReply(text), 'Here it is.');
  });

  it('does not count a signature or phone footer below a quote as an answer', () => {
    const text = lines('Fine by me.', 'On Mon, 3 Mar 2025 at 10:00, Help <help@example.com> wrote:',
      '> Shall we close the case?', '', 'Sent from my iPhone');
    assert.equal(trimReply(text), 'Fine by me.');
  });
});

describe('trimReply: Outlook history', () => {
  it('cuts at -----Original Message-----', () => {
    const text = lines('Received, thank you.', '', '-----Original Message-----',
      'From: Help Desk [mailto:help@example.com]', 'Sent: Monday, March 3, 2025 10:00 AM',
      'Please confirm.');
    assert.equal(trimReply(text), 'Received, thank you.');
  });

  it('cuts at a From: and Sent: header block with To: and Subject: between', () => {
    const text = lines('Thanks, that fixed it.', '', 'Ann', '',
      'From: Help Desk <help@example.com>', 'To: Ann Example <ann@example.com>',
      'Sent: Monday, March 3, 2025 10:00 AM', 'Subject: Re: Printer', '', 'Please restart it.');
    assert.equal(trimReply(text), 'Thanks, that fixed it.\n\nAnn');
  });

  it('cuts the German header block Von: and Gesendet:', () => {
    const text = lines('Passt.', 'Von: Help Desk <help@example.com>',
      'Gesendet: Montag, 3. März 2025 10:00', 'Betreff: Drucker', 'Alt');
    assert.equal(trimReply(text), 'Passt.');
  });

  it('cuts at an underscore divider followed by From:', () => {
    const text = lines('Got it.', '________________________________',
      'From: Help Desk <help@example.com>', 'Date: Monday, 3 March 2025 10:00', 'Old text');
    assert.equal(trimReply(text), 'Got it.');
  });

  it('keeps a From: line that is not followed by Sent: or Date:', () => {
    const text = lines('From: my home office', 'the VPN drops every hour.');
    assert.equal(trimReply(text), text);
  });

  it('keeps an underscore line that is not followed by From:', () => {
    const text = lines('Name: ______________________', 'Signed on arrival.');
    assert.equal(trimReply(text), text);
  });
});

describe('trimReply: signatures and footers', () => {
  it('removes a signature after a "-- " line and the footer below it', () => {
    const text = lines('Yes.', '', '-- ', 'Ann Example', 'Example Ltd', '', 'Sent from my iPhone');
    assert.equal(trimReply(text), 'Yes.');
  });

  it('removes a signature after a bare "--" line', () => {
    assert.equal(trimReply(lines('Yes.', '--', 'Ann')), 'Yes.');
  });

  it('keeps a "---" line, which is not a signature delimiter', () => {
    assert.equal(trimReply(lines('Part one', '---', 'Part two')), 'Part one\n---\nPart two');
  });

  it('removes phone and webmail footers at the end, link included', () => {
    const footers = ['Sent from my iPhone', 'Sent from my Galaxy', 'Sent from Mail for Windows',
      'Get Outlook for Android<https://aka.ms/example>', 'Get Outlook for iOS',
      'Von meinem iPhone gesendet', 'Envoyé de mon iPhone', 'Enviado desde mi iPhone',
      'Lähetetty iPhonesta'];
    for (const footer of footers) {
      assert.equal(trimReply(lines('Okay.', '', footer, '')), 'Okay.', footer);
    }
  });

  it('keeps a footer phrase that the customer wrote in the middle of the reply', () => {
    const text = lines('Sent from my iPhone', 'is how every mail from my phone ends.');
    assert.equal(trimReply(text), text);
  });
});

describe('trimReply: whitespace and fallbacks', () => {
  it('turns CRLF into LF and trims trailing spaces and blank lines', () => {
    assert.equal(trimReply('\r\n\r\nLine one   \r\n\r\nLine two\t\r\n\r\n  \r\n'),
      'Line one\n\nLine two');
  });

  it('keeps leading indentation of the first line', () => {
    assert.equal(trimReply('  indented\nnot'), '  indented\nnot');
  });

  it('returns the whole text trimmed when it is nothing but a quote', () => {
    assert.equal(trimReply('\n> Only the old message\n> came back\n\n'),
      '> Only the old message\n> came back');
  });

  it('returns the whole text trimmed when it starts with the signature delimiter', () => {
    assert.equal(trimReply('-- \r\nAnn Example\r\n'), '--\nAnn Example');
  });

  it('returns an empty string for empty or blank input', () => {
    assert.equal(trimReply(''), '');
    assert.equal(trimReply(' \n\t\n'), '');
  });

  it('returns a long body without markers unchanged and quickly', () => {
    const text = `${'word '.repeat(40_000).trim()}\n${'On and on '.repeat(10_000).trim()}`;
    const started = Date.now();
    assert.equal(trimReply(text), text);
    assert.ok(Date.now() - started < 1000);
  });

  it('returns a last line full of spaces quickly, as it cannot be a footer', () => {
    const text = `Hello\nSent from my${' '.repeat(100_000)}phone <x`;
    const started = Date.now();
    assert.equal(trimReply(text), text);
    assert.ok(Date.now() - started < 1000);
  });
});
