/**
 * The case PDF. It lays out a `PrintableCase` as given: the domain has already dropped
 * every message and history entry the viewer may not see, so nothing here decides
 * visibility; it has to show all of what it gets (PRODUCT.md rule 8).
 *
 * Text is set in DejaVu Sans, embedded as a subset with a ToUnicode map, so the PDF looks
 * the same everywhere and its text can be searched and extracted.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type {
  Author, CaseStatus, Customer, DescribedHistoryEntry, Message, PrintableCase, Visibility,
} from '../domain/types.js';
import { customerIdLabel } from '../domain/history-text.js';
import { formatterInZone } from '../domain/time-zones.js';

// --- Fonts. fontkit ships no types; these are the parts of it used here.
interface Glyph { id: number; advanceWidth: number; codePoints: number[] }
type Position = { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number };
interface GlyphRun { glyphs: Glyph[]; positions: Position[]; direction?: string;
  readonly advanceWidth: number }

/** A parsed font. pdfkit accepts one as a font source in place of the file's bytes. */
interface FontkitFont {
  readonly characterSet: number[];
  hasGlyphForCodePoint(codePoint: number): boolean;
  glyphForCodePoint(codePoint: number): Glyph;
  layout(text: string, ...options: unknown[]): GlyphRun;
}

type Fonts = Record<'regular' | 'bold', FontkitFont>;
let loadedFonts: Fonts | undefined;

/**
 * Parses the two TTFs once per process. Handing pdfkit a parsed fontkit font rather than
 * the file's bytes saves a ~30 ms parse per font per document and keeps fontkit's glyph
 * caches warm between documents. fontkit is pdfkit's own dependency, so it is loaded from
 * pdfkit's location (the copy pdfkit uses, hoisted or not). Resolving through
 * node_modules works from src/ under tsx and from dist/server/ alike.
 */
function fonts(): Fonts {
  if (loadedFonts) return loadedFonts;
  const require = createRequire(import.meta.url);
  const fontkit: { create(data: Buffer): FontkitFont } =
    createRequire(require.resolve('pdfkit'))('fontkit');
  const load = (file: string) =>
    tune(fontkit.create(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`))));
  loadedFonts = { regular: load('DejaVuSans.ttf'), bold: load('DejaVuSans-Bold.ttf') };
  return loadedFonts;
}

/** Characters DejaVu draws one glyph each with no shaping: Latin, Greek, Cyrillic, etc. */
const UNSHAPED = new RegExp('^[\\n\\u0020-\\u007e\\u00a0-\\u00ac\\u00ae-\\u024f\\u0370-\\u0482'
  + '\\u048a-\\u04ff\\u1e00-\\u1eff\\u2010-\\u2027\\u2030-\\u205e\\u20a0-\\u20bf\\ufffd]*$');

/**
 * Adjusts a font this module owns:
 * - `layout`, which pdfkit calls once per distinct word, maps unshaped text glyph by
 *   glyph. fontkit's full OpenType shaping costs ~170 µs a word with DejaVu's large
 *   tables, most of a page's time; the price is no kerning and no fi/fl ligatures in such
 *   text. Other scripts (Arabic joining, combining marks) still go through fontkit.
 * - fontkit returns a right-to-left word reversed for display, including the trailing
 *   space pdfkit leaves on it, which would glue it to the next word; the space goes back.
 * - Coverage is answered from a set: `clean` asks for every character printed.
 */
function tune(font: FontkitFont): FontkitFont {
  const shape = font.layout.bind(font);
  const glyphs = new Map<number, Glyph>();
  font.layout = (text, ...options) => {
    const plain = options.every((o) => o === undefined) && UNSHAPED.test(text);
    if (plain) return glyphByGlyph(font, glyphs, text);
    const run = shape(text, ...options);
    if (run.direction === 'rtl') spacesLast(run);
    return run;
  };
  const covered = new Set(font.characterSet);
  font.hasGlyphForCodePoint = (cp) => covered.has(cp);
  return font;
}

function glyphByGlyph(font: FontkitFont, cache: Map<number, Glyph>, text: string): GlyphRun {
  const glyphs: Glyph[] = [];
  const positions: Position[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    let glyph = cache.get(cp);
    if (!glyph) {
      // Own objects, so the text layer maps each glyph to the character asked for. A line
      // break is only measured (pdfkit drops it before drawing), and must take no room.
      const found = cp === 0x0a ? { id: 0, advanceWidth: 0 } : font.glyphForCodePoint(cp);
      glyph = { id: found.id, advanceWidth: found.advanceWidth, codePoints: [cp] };
      cache.set(cp, glyph);
    }
    glyphs.push(glyph);
    positions.push({ xAdvance: glyph.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 });
  }
  // A getter, as in fontkit: pdfkit scales the positions after this returns.
  return { glyphs, positions, direction: 'ltr',
    get advanceWidth() { return positions.reduce((sum, p) => sum + p.xAdvance, 0); } };
}

function spacesLast(run: GlyphRun): void {
  const isSpace = (g: Glyph) => g.codePoints.length > 0
    && g.codePoints.every((cp) => /\s/u.test(String.fromCodePoint(cp)));
  const n = run.glyphs.findIndex((g) => !isSpace(g));
  if (n <= 0) return; // none leading, or nothing but spaces
  run.glyphs.push(...run.glyphs.splice(0, n));
  run.positions.push(...run.positions.splice(0, n));
}

// --- Text the font can draw
/** Invisible characters (joiners, variation selectors, bidi controls, tags). */
const IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u;
/** What may follow an emoji inside one picture: after a replaced one it means nothing. */
const EMOJI_TAIL = /^[\p{Default_Ignorable_Code_Point}\p{Emoji_Modifier}]$/u;

/**
 * Makes `text` safe for `font`. pdfkit draws a code point the font lacks as an empty
 * .notdef box and maps it to U+0000 in the text layer, so each run of such characters
 * (most emoji, CJK, lone surrogates) becomes one U+FFFD, unless they are invisible
 * anyway; control characters other than line breaks are dropped, tabs become spaces.
 * DejaVu covers Latin, Greek, Cyrillic, Hebrew and Arabic, so names in those scripts
 * print as written. Lines are not run through the bidi algorithm: each right-to-left
 * word reads correctly, but the words of a right-to-left phrase stand in logical order,
 * left to right. That is accepted.
 */
function clean(text: string, font: FontkitFont): string {
  const replacement = font.hasGlyphForCodePoint(0xfffd) ? '\uFFFD' : '?';
  const normal = text.normalize('NFC').replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/\t/g, '    ').replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, '');
  let out = '';
  let replacing = false;
  for (const ch of normal) {
    if (ch === '\n') {
      out += ch;
      replacing = false;
    } else if (!font.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0)) {
      if (IGNORABLE.test(ch)) continue;
      if (!replacing) out += replacement;
      replacing = true;
    } else if (!(replacing && EMOJI_TAIL.test(ch))) {
      out += ch;
      replacing = false;
    }
  }
  return out;
}

// --- Labels and times
const STATUS_LABEL: Record<CaseStatus, string> = { in_progress: 'In Progress', closed: 'Closed' };
const BADGE: Record<Visibility, { label: string; fill: string; text: string }> = {
  public: { label: 'Public', fill: '#2e7d32', text: '#ffffff' },
  private: { label: 'Private', fill: '#f9a825', text: '#000000' },
  supervisor: { label: 'Supervisor', fill: '#b71c1c', text: '#ffffff' },
};

const BLACK = '#000000';
const GREY = '#555555';

function authorLabel(author: Author): string {
  return `${author.type === 'customer' ? 'Customer' : 'Staff'} · ${author.name}`;
}

interface Clock { zone: string; format(iso: string): string }

const clocks = new Map<string, Clock>();

/** Times in the account's zone as "2024-03-05 14:07"; an unknown zone falls back to UTC. */
function clock(timezone: string): Clock {
  const known = clocks.get(timezone);
  if (known) return known;
  const dtf = formatterInZone(timezone, 'digits');
  const made: Clock = {
    zone: dtf.resolvedOptions().timeZone,
    format(iso) {
      const date = new Date(iso);
      if (Number.isNaN(date.getTime())) return iso; // show what is stored rather than fail
      const p: Record<string, string> = {};
      for (const part of dtf.formatToParts(date)) p[part.type] = part.value;
      return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
    },
  };
  if (clocks.size < 1000) clocks.set(timezone, made); // zones are few; bounded anyway
  return made;
}

// --- Layout
interface Page { doc: PDFKit.PDFDocument; fonts: Fonts; clock: Clock; left: number; width: number }
interface Style { bold?: boolean; size?: number; color?: string; indent?: number }

/** Selects the face and size, and returns `text` made ready to set `width` wide. */
function use(page: Page, text: string, bold: boolean, size: number, width: number): string {
  page.doc.font(bold ? 'bold' : 'regular').fontSize(size);
  return cutLongWords(page.doc, clean(text, bold ? page.fonts.bold : page.fonts.regular), width);
}

/**
 * pdfkit breaks a word wider than the line by itself, but measures the whole rest of the
 * word again for each line it fills: a 20,000-character token (a pasted log line or
 * base64) took seconds. Such words are cut here in one pass into pieces that fit a line.
 */
function cutLongWords(doc: PDFKit.PDFDocument, text: string, width: number): string {
  return text.replace(/\S{20,}/gu, (word) => {
    let out = '';
    let used = 0;
    for (const ch of word) {
      const w = doc.widthOfString(ch);
      if (used > 0 && used + w > width - 2) { // a little slack for kerning
        out += '\n';
        used = 0;
      }
      out += ch;
      used += w;
    }
    return out;
  });
}

/** A paragraph at the left margin. pdfkit wraps it, breaking words wider than a line. */
function write(page: Page, text: string, style: Style = {}): void {
  const indent = style.indent ?? 0;
  const shown = use(page, text, style.bold ?? false, style.size ?? 10, page.width - indent);
  page.doc.fillColor(style.color ?? BLACK)
    .text(shown, page.left + indent, page.doc.y, { width: page.width - indent, lineGap: 1.5 });
}

/** "Label: value" on its own line(s), the label bold. */
function field(page: Page, label: string, value: string, style: Style = {}): void {
  const { doc } = page;
  const indent = style.indent ?? 0;
  const size = style.size ?? 10;
  const shownLabel = use(page, `${label}: `, true, size, page.width - indent);
  doc.fillColor(BLACK).text(shownLabel, page.left + indent, doc.y,
    { width: page.width - indent, lineGap: 1.5, continued: true });
  doc.text(use(page, value === '' ? '—' : value, false, size, page.width - indent));
}

/** Starts a new page unless `height` points fit, so a heading never ends a page. */
function keepSpace({ doc }: Page, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function heading(page: Page, title: string): void {
  const { doc } = page;
  doc.moveDown(0.8);
  keepSpace(page, 60);
  write(page, title, { bold: true, size: 13 });
  const y = doc.y + 1;
  doc.moveTo(page.left, y).lineTo(page.left + page.width, y)
    .lineWidth(0.5).strokeColor('#999999').stroke();
  doc.y = y + 6;
}

function caseHeader(page: Page, printable: PrintableCase): void {
  const c = printable.case;
  const time = page.clock.format;
  write(page, printable.accountName, { size: 9, color: GREY });
  write(page, `Case #${c.caseNo}`, { bold: true, size: 18 });
  write(page, c.subject, { bold: true, size: 14 });
  page.doc.moveDown(0.5);
  field(page, 'Status', STATUS_LABEL[c.status] ?? c.status);
  field(page, 'Department', c.department.name);
  field(page, 'Opened', time(c.createdAt));
  field(page, 'Updated', time(c.updatedAt));
  if (c.closedAt) field(page, 'Closed', time(c.closedAt));
  field(page, 'Created by', c.createdBy.name);
  if (c.contactEmail) field(page, 'Contact e-mail', c.contactEmail);
  field(page, 'Times shown in', page.clock.zone);
}

function customerBlock(page: Page, customer: Customer | null): void {
  heading(page, 'Customer');
  if (!customer) return write(page, 'No customer');
  field(page, 'Name', customer.name ?? '(no name)');
  field(page, 'Customer ID', customerIdLabel(customer.customerNo));
  const phones = customer.phones.map((p) => p.raw);
  if (phones.length > 0) field(page, 'Phones', phones.join(', '));
  if (customer.emails.length > 0) field(page, 'E-mails', customer.emails.join(', '));
  if (customer.address) field(page, 'Address', customer.address);
  if (customer.note) field(page, 'Note', customer.note);
  if (customer.externalRef) field(page, 'External ref', customer.externalRef);
}

/** A coloured box with the visibility's name; returns its width. The name survives grey. */
function badge(page: Page, visibility: Visibility, x: number, y: number): number {
  const { doc } = page;
  const style = BADGE[visibility] ?? { label: String(visibility), fill: GREY, text: '#ffffff' };
  doc.font('bold').fontSize(8);
  const width = doc.widthOfString(style.label) + 10;
  doc.save().roundedRect(x, y - 1.5, width, 13, 3).fill(style.fill).restore();
  doc.fillColor(style.text).text(style.label, x + 5, y + 1.5, { lineBreak: false });
  return width;
}

function message(page: Page, m: Message): void {
  const { doc } = page;
  keepSpace(page, 50); // the header and a line or two of body stay together
  const y = doc.y;
  const badgeWidth = badge(page, m.visibility, page.left, y);
  const head = `${authorLabel(m.author)}  ·  ${page.clock.format(m.createdAt)}`
    + (m.redacted ? '  ·  (redacted)' : '');
  const width = page.width - badgeWidth - 8;
  doc.fillColor(BLACK).text(use(page, head, true, 10, width), page.left + badgeWidth + 8, y,
    { width });
  doc.moveDown(0.3);
  const body = m.body.trim() === '' ? '(empty message)' : m.body;
  write(page, body, { color: m.redacted ? GREY : BLACK });
  doc.moveDown(0.9);
}

function historyEntry(page: Page, entry: DescribedHistoryEntry): void {
  keepSpace(page, 30);
  field(page, page.clock.format(entry.at), `${entry.actor.name || 'Caseline'} ${entry.summary}`);
  page.doc.moveDown(0.3);
}

/** Footer and page numbers, drawn once every page exists. */
function pageFurniture(page: Page, printable: PrintableCase): void {
  const { doc } = page;
  const range = doc.bufferedPageRange();
  const printed = `Printed by ${printable.printedBy} at ${page.clock.format(printable.printedAt)}`;
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Writing inside the margin would make pdfkit start a new page; lift it briefly.
    const margins = { ...doc.page.margins };
    doc.page.margins = { ...margins, bottom: 0 };
    doc.fillColor(GREY);
    const y = doc.page.height - 40;
    doc.text(use(page, printed, false, 8, page.width - 90), page.left, y,
      { width: page.width - 90, height: 10, ellipsis: true });
    doc.font('regular').text(`Page ${i + 1} of ${range.count}`, page.left, y,
      { width: page.width, align: 'right', lineBreak: false });
    doc.page.margins = margins;
  }
}

/** Renders the case as an A4 PDF, resolving to the whole file. */
export async function renderCasePdf(printable: PrintableCase): Promise<Buffer> {
  const c = printable.case;
  const doc = new PDFDocument({
    size: 'A4',
    font: '', // no default Helvetica: it would be parsed for every document and never used
    margins: { top: 50, left: 50, right: 50, bottom: 60 },
    bufferPages: true,
    displayTitle: true,
    info: { Title: `Case #${c.caseNo}`, Subject: c.subject, Creator: 'Caseline' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const loaded = fonts();
  // The types list only file sources, but pdfkit takes a parsed fontkit font as well.
  doc.registerFont('regular', loaded.regular as unknown as Buffer);
  doc.registerFont('bold', loaded.bold as unknown as Buffer);
  const { left, right } = doc.page.margins;
  const width = doc.page.width - left - right;
  const page: Page = { doc, fonts: loaded, clock: clock(printable.timezone), left, width };

  caseHeader(page, printable);
  customerBlock(page, c.customer);
  heading(page, `Messages (${c.messages.length})`);
  if (c.messages.length === 0) write(page, 'No messages.');
  for (const m of c.messages) message(page, m);
  heading(page, 'History');
  if (printable.history.length === 0) write(page, 'No history entries.');
  for (const entry of printable.history) historyEntry(page, entry);
  pageFurniture(page, printable);

  doc.end();
  return done;
}
