/**
 * The part of an e-mail reply the customer wrote. Mail programs append the conversation so
 * far (quoted with `>`, or under an Outlook header block), a signature and an app footer;
 * staff want the new words only, so this cuts those off the way people read a reply.
 *
 * Pure string functions: no mail parsing here (see inbound-message.ts), so every rule can be
 * tested with a plain string.
 */

/** "On Mon, 3 Mar 2025 at 10:00, Name <a@b.c> wrote:" and the translations we meet most. */
const ATTRIBUTIONS = [
  /^On\s.+\swrote:$/i,
  /^Am\s.+\sschrieb(\s.*)?:$/i,
  /^Le\s.+\sa\s+écrit\s*:$/i,
  /^El\s.+\sescribió\s*:$/i,
  /^.+\skirjoitti\s*:$/i,
];

/**
 * How an attribution begins, so one wrapped over two lines can be joined. Finnish has no
 * fixed word first: Gmail starts with the weekday ("ma 3.3.2025 klo 10.00 …"), others a date.
 */
const ATTRIBUTION_START = /^(On|Am|Le|El|ma|ti|ke|to|pe|la|su)\s|^\d/i;

/** Longer lines are prose, and skipping them keeps the regexes linear on huge bodies. */
const MAX_ATTRIBUTION = 300;

/** Outlook's plain-text separator, in the languages of the attributions above. */
const ORIGINAL_MESSAGE = new RegExp('^-{2,}\\s*(Original Message|Ursprüngliche Nachricht|'
  + "Message d'origine|Mensaje original|Alkuperäinen viesti)\\s*-{2,}$", 'i');

/** Outlook puts a line of underscores above the header block of the message replied to. */
const DIVIDER = /^_{20,}$/;
const HEADER_FROM = /^(From|Von|De|Lähettäjä)\s*:\s*\S/i;
const HEADER_SENT = /^(Sent|Date|Gesendet|Datum|Envoyé|Enviado|Fecha|Lähetetty)\s*:/i;
const HEADER_ANY = /^[\p{L}-]+( [\p{L}-]+)?\s*:/u;

/** How many lines after From: the Sent: line may come (To:, Cc: and Subject: go between). */
const HEADER_BLOCK_REACH = 4;

/** Phone and webmail footers; the optional `<url>` is how Outlook's plain text shows a link. */
const FOOTERS = [
  /^Sent from my \S.*$/i,
  /^Sent from (Mail|Outlook|Yahoo Mail)( for \S+)?$/i,
  /^Get Outlook for (iOS|Android|Mac|Windows)$/i,
  /^Von meinem \S.* gesendet$/i,
  /^Envoyé de mon \S.*$/i,
  /^Enviado desde mi \S.*$/i,
  /^Lähetetty \S+(sta|stä)$/i,
];
/** The footer with its link; longer lines are prose (and would make the link regex slow). */
const MAX_FOOTER = 160;

/**
 * The reply without quoted history, signature and phone footer, lines ending in LF and with
 * trailing whitespace removed. When trimming would leave nothing (a reply that is only a
 * quote, say) the whole text is returned, tidied the same way, so it never comes back empty.
 */
export function trimReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');

  let kept = lines.slice(0, historyStart(lines));
  kept = kept.slice(0, signatureStart(kept));
  kept = dropTrailingNoise(kept);

  const reply = tidy(kept);
  return reply !== '' ? reply : tidy(lines);
}

/**
 * Where the earlier conversation begins: an Outlook marker always starts it, an attribution
 * only when the customer wrote nothing below the quote it introduces (else the reply is
 * interleaved and the quotes are the questions being answered).
 */
function historyStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i += 1) {
    if (isQuoted(lines[i]!)) continue;
    if (isOutlookMarker(lines, i)) return i;

    const span = attributionSpan(lines, i);
    if (span > 0 && !repliesBelowQuote(lines, i + span)) return i;
  }
  return lines.length;
}

function isOutlookMarker(lines: string[], i: number): boolean {
  const line = lines[i]!.trim();
  if (ORIGINAL_MESSAGE.test(line)) return true;
  if (DIVIDER.test(line)) {
    const next = lines.slice(i + 1, i + 3).find((candidate) => candidate.trim() !== '');
    return next !== undefined && HEADER_FROM.test(next.trim());
  }
  return HEADER_FROM.test(line) && isHeaderBlock(lines, i);
}

/** A From: line followed by Sent: (or Date:) with only other header lines between. */
function isHeaderBlock(lines: string[], from: number): boolean {
  const last = Math.min(lines.length - 1, from + HEADER_BLOCK_REACH);
  for (let i = from + 1; i <= last; i += 1) {
    const line = lines[i]!.trim();
    if (HEADER_SENT.test(line)) return true;
    if (!HEADER_ANY.test(line)) return false;
  }
  return false;
}

/** How many lines (1 or 2) the attribution starting at `i` takes; 0 when there is none. */
function attributionSpan(lines: string[], i: number): number {
  const line = lines[i]!.trim();
  if (isAttribution(line)) return 1;

  // A next line that is an attribution on its own is one: this line is the customer's.
  const next = lines[i + 1]?.trim() ?? '';
  if (!ATTRIBUTION_START.test(line) || next === '' || isQuoted(next)) return 0;
  if (isAttribution(next)) return 0;
  return isAttribution(`${line} ${next}`) ? 2 : 0;
}

function isAttribution(line: string): boolean {
  // A date or an address is what tells "On Monday Ann wrote:" in prose from a client's line.
  if (line.length > MAX_ATTRIBUTION || !/[\d@]/.test(line)) return false;
  return ATTRIBUTIONS.some((pattern) => pattern.test(line));
}

/**
 * Whether the customer wrote below a quoted line after an attribution. Unquoted text right
 * below the attribution is history a client did not mark with `>`, so it does not count.
 */
function repliesBelowQuote(lines: string[], from: number): boolean {
  let quoteSeen = false;
  for (let i = from; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (isQuoted(line)) {
      quoteSeen = true;
    } else if (line.trim() === '' || isFooter(line)) {
      continue;
    } else if (!quoteSeen || isSignatureDelimiter(line) || isOutlookMarker(lines, i)) {
      return false;
    } else {
      return true;
    }
  }
  return false;
}

/** The first `-- ` (or `--`) line: RFC 3676's signature delimiter, and what clients write. */
function signatureStart(lines: string[]): number {
  const index = lines.findIndex(isSignatureDelimiter);
  return index === -1 ? lines.length : index;
}

function isSignatureDelimiter(line: string): boolean {
  return line === '-- ' || line === '--';
}

/** Blank lines, a trailing quoted block and app footers at the end, in any order. */
function dropTrailingNoise(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0) {
    const line = lines[end - 1]!;
    if (line.trim() !== '' && !isQuoted(line) && !isFooter(line)) break;
    end -= 1;
  }
  return lines.slice(0, end);
}

function isQuoted(line: string): boolean {
  return /^\s*>/.test(line);
}

function isFooter(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed.length > MAX_FOOTER) return false;
  const bare = trimmed.replace(/\s*<[^<>\s]+>$/, '');
  return FOOTERS.some((pattern) => pattern.test(bare));
}

function tidy(lines: string[]): string {
  const trimmed = lines.map((line) => line.trimEnd());
  const first = trimmed.findIndex((line) => line !== '');
  return first === -1 ? '' : trimmed.slice(first).join('\n').trimEnd();
}
