/**
 * The pieces every customer e-mail is built from: safe header text, times in the account's
 * zone, plain text wrapped for mail readers, and HTML that cannot carry an unescaped value.
 * All of it is pure: the same input gives the same mail, byte for byte.
 */
import { formatterInZone } from '../domain/time-zones.js';

/** Prose in the text body wraps here; readers quote replies with "> ", so keep room. */
export const TEXT_WIDTH = 72;
export const SUBJECT_MAX = 200;

// --- Header-safe text

// Control characters (CR and LF above all) and Unicode line separators would let a value
// start a new header line or break the layout. Emoji joiners (format characters) are kept.
const LINE_BREAKERS = /[\p{Cc}\u2028\u2029]/gu;
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** One line of text: controls become spaces, runs of whitespace one space, ends trimmed. */
export function oneLine(value: string): string {
  return value.replace(LINE_BREAKERS, ' ').replace(/\s+/gu, ' ').trim();
}

/** A Subject header value: one line, at most SUBJECT_MAX UTF-16 units, cut between whole
 *  characters (an emoji or a letter with its accents is never split) and ended with "…". */
export function subjectLine(value: string): string {
  const line = oneLine(value);
  if (line.length <= SUBJECT_MAX) return line;
  let cut = '';
  for (const { segment } of graphemes.segment(line)) {
    if (cut.length + segment.length + 1 > SUBJECT_MAX) break;
    cut += segment;
  }
  return `${cut.trimEnd()}…`;
}

// --- Links

/** Links come from PUBLIC_URL, not from people; anything else is a programming error, and a
 *  `javascript:` link or a URL with a line break must never reach a customer's mail. */
export function checkLink(url: string): string {
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    // falls through to the error below
  }
  if ((protocol !== 'https:' && protocol !== 'http:') || /[\s\p{Cc}]/u.test(url)) {
    throw new TypeError(`mail link must be an absolute http(s) URL without spaces: ${url}`);
  }
  return url;
}

// --- Times

/** "4 December 2026, 16:05 (Europe/Helsinki)": the zone is named because the customer may
 *  live in another one. A time that does not parse is shown as stored rather than failing. */
export function formatTime(iso: string, timezone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const format = formatterInZone(timezone, 'words');
  const p: Record<string, string> = {};
  for (const part of format.formatToParts(date)) p[part.type] = part.value;
  const zone = format.resolvedOptions().timeZone;
  return `${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute} (${zone})`;
}

// --- Plain text

/** A word that must stay whole even when longer than a line: a URL or an e-mail address. */
const UNBREAKABLE = /:\/\/|^www\.|@/i;

function columns(text: string): number {
  let count = 0;
  for (const _ of graphemes.segment(text)) count += 1;
  return count;
}

/** A word longer than the line is cut into line-long pieces, unless it is a link. */
function pieces(word: string, width: number): string[] {
  if (UNBREAKABLE.test(word) || columns(word) <= width) return [word];
  const out: string[] = [];
  let piece = '';
  let count = 0;
  for (const { segment } of graphemes.segment(word)) {
    if (count === width) {
      out.push(piece);
      piece = '';
      count = 0;
    }
    piece += segment;
    count += 1;
  }
  return [...out, piece];
}

/** Prose as one paragraph of lines at most `width` columns; links are never broken. */
export function wrap(text: string, width = TEXT_WIDTH): string {
  const lines: string[] = [];
  let line = '';
  for (const word of oneLine(text).split(' ')) {
    for (const piece of pieces(word, width)) {
      if (line === '') line = piece;
      else if (columns(line) + 1 + columns(piece) <= width) line += ` ${piece}`;
      else {
        lines.push(line);
        line = piece;
      }
    }
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

/** Text as the person wrote it, with CRLF and lone CR read as line breaks. */
export function asWritten(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Blocks separated by one blank line, ending in a line break. */
export function textDocument(blocks: readonly string[]): string {
  return `${blocks.join('\n\n')}\n`;
}

// --- HTML

const ESCAPES: Record<string, string> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** Markup that is safe to place as it is; only the `html` tag below makes it, so a value
 *  can reach a document unescaped only by passing through that tag. */
class Markup {
  constructor(readonly value: string) {}
}
export type { Markup };

type Interpolation = string | number | Markup | readonly Markup[];

function render(value: Interpolation): string {
  if (value instanceof Markup) return value.value;
  if (Array.isArray(value)) return value.map((part: Markup) => part.value).join('');
  return escapeHtml(String(value));
}

/** A template whose every value is HTML-escaped, unless it is already Markup. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Markup {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Markup(out);
}

// Inline styles only: several mail clients drop <style> blocks. 16px text and one column of
// at most 600px read well on a phone without zooming.
// Font names stay unquoted (valid CSS) so that escaping leaves the style attributes alone.
const FONT = 'font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;';
const MONO = 'font-family:ui-monospace,Menlo,Consolas,Courier New,monospace;';
const TEXT = 'margin:0 0 16px;font-size:16px;line-height:1.5;';
const LINK_COLOUR = '#1d4ed8'; // 6.7:1 against white, and white text on it the same

export function paragraph(content: Interpolation): Markup {
  return html`<p dir="auto" style="${TEXT}">${content}</p>`;
}

export function heading(content: Interpolation): Markup {
  const look = 'margin:0 0 16px;font-size:20px;line-height:1.3;';
  return html`<h1 dir="auto" style="${look}">${content}</h1>`;
}

export function link(url: string, label: string = url): Markup {
  return html`<a href="${checkLink(url)}" style="color:${LINK_COLOUR};">${label}</a>`;
}

/** The one action of the mail as a large target, and the address itself for clients that
 *  show no button or a reader who wants to see where it goes. */
export function button(url: string, label: string): Markup {
  const target = checkLink(url);
  const look = `display:inline-block;padding:12px 24px;background:${LINK_COLOUR};`
    + 'color:#ffffff;font-size:18px;font-weight:bold;text-decoration:none;border-radius:6px;';
  return html`<p style="margin:8px 0 16px;"><a href="${target}" style="${look}">${label}</a></p>
<p style="${TEXT}">If the button does not work, copy this address into your browser:</p>
<p style="${TEXT}${MONO}overflow-wrap:anywhere;word-break:break-all;">${target}</p>`;
}

export function codeBlock(code: string): Markup {
  const look = `${MONO}margin:0 0 16px;padding:12px 16px;font-size:22px;letter-spacing:2px;`
    + 'background:#f4f4f5;border-radius:6px;';
  return html`<div style="${look}">${code}</div>`;
}

const BR = html`<br>`;

/** Text as written: its line breaks become <br>, its spaces are kept, its direction is its
 *  own (a Hebrew or Arabic message reads right to left). */
export function quotedText(text: string): Markup {
  const lines = asWritten(text).split('\n').map((line, i) => html`${i > 0 ? BR : ''}${line}`);
  const look = `${TEXT}padding:4px 0 4px 16px;border-left:4px solid #d4d4d8;`
    + 'white-space:pre-wrap;overflow-wrap:anywhere;';
  return html`<div dir="auto" style="${look}">${lines}</div>`;
}

/** A whole HTML mail: no images, scripts, external resources or tracking, by design. */
export function htmlDocument(title: string, blocks: readonly Markup[]): string {
  const page = `${FONT}margin:0 auto;max-width:600px;padding:24px 16px;`
    + 'font-size:16px;line-height:1.5;color:#18181b;background:#ffffff;';
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
</head>
<body style="margin:0;padding:0;background:#ffffff;">
<div style="${page}">
${blocks.flatMap((block) => [block, html`\n`])}</div>
</body>
</html>
`.value;
}
