/**
 * A raw incoming e-mail read into what Caseline needs to join a customer's reply to a case:
 * who sent it and to which addresses, the ids that thread it, whether a machine sent it, and
 * the words the customer wrote. Parsing is mailparser's; the rules are ours.
 */
import { parseAddressHeader, simpleParser } from 'mailparser';
import type {
  AddressObject, EmailAddress, HeaderLines, HeaderValue, ParsedMail, SimpleParserOptions,
} from 'mailparser';
import { trimReply } from './reply-text.js';

export interface InboundMessage {
  /** The sender from the From header; null when there is none or it has no address. */
  from: { address: string; name: string | null } | null;
  /** Every recipient address found in To, Cc, Delivered-To and X-Original-To headers plus the
   *  envelope recipients given, lowercased, de-duplicated, in that order. */
  recipients: string[];
  /** '' when missing. */
  subject: string;
  /** Without angle brackets. */
  messageId: string | null;
  /** Message-IDs without angle brackets. */
  inReplyTo: string[];
  /** Message-IDs without angle brackets, in header order. */
  references: string[];
  /** Auto-Submitted other than "no"; a bounce or delivery report (multipart/report,
   *  message/delivery-status, empty envelope sender "<>", MAILER-DAEMON/postmaster senders);
   *  also X-Autoreply / X-Autorespond headers and Precedence: bulk|junk|list|auto_reply. */
  automatic: boolean;
  /** The reply the customer wrote: quoted history and signature trimmed (reply-text.ts).
   *  HTML-only mail is turned into plain text first. */
  text: string;
  /** The whole text body, untrimmed (HTML-only mail converted), for staff to check. */
  fullText: string;
}

/** What the SMTP conversation said; mailFrom '' (or '<>') is the null sender of a bounce. */
export interface Envelope {
  mailFrom: string | null;
  rcptTo: string[];
}

/** The bytes are not an e-mail Caseline can use; the message says why. */
export class MalformedMailError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MalformedMailError';
  }
}

const PARSER_OPTIONS: SimpleParserOptions = {
  // A delivery report then arrives as a part we can see, not as text mixed into the body.
  keepDeliveryStatus: true,
  // Only the text is used: no HTML rendering of it, no inlined images, no checksums.
  skipTextToHtml: true,
  keepCidLinks: true,
  checksumAlgo: false,
  // Turning HTML into text costs more than linear time (a 3 MB table took half a minute,
  // on the server's one thread). Longer HTML parts are not converted: such mail then
  // has no text and waits in triage with its subject and sender.
  maxHtmlLengthToParse: 200_000,
};

/** A header name as RFC 5322 allows it; junk without one parses into header lines too. */
const FIELD_NAME = /^[!-9;-~]+$/;

const AUTOMATIC_PRECEDENCE = new Set(['bulk', 'junk', 'list', 'auto_reply']);
const AUTOREPLY_HEADERS = ['x-autoreply', 'x-autorespond'];
const REPORT_TYPES = new Set(['multipart/report', 'message/delivery-status',
  'message/global-delivery-status']);
const DAEMON_NAMES = new Set(['mailer-daemon', 'postmaster']);

/** Reads `raw` (the message as received); `envelope` adds the SMTP sender and recipients. */
export async function readInboundMessage(
  raw: Buffer, envelope?: Envelope,
): Promise<InboundMessage> {
  const mail = await parse(raw);
  if (!mail.headerLines.some((line) => FIELD_NAME.test(line.key))) {
    throw new MalformedMailError('The message has no header section: it is not an e-mail.');
  }
  if (mail.text === undefined && !mail.html) {
    throw new MalformedMailError('The message has neither a text nor an HTML body.');
  }

  const fullText = clean(mail.text ?? '');
  const from = sender(mail.from);
  return {
    from,
    recipients: recipients(mail.headers, envelope),
    subject: clean(mail.subject ?? ''),
    messageId: messageIds(mail.headerLines, 'message-id')[0] ?? null,
    inReplyTo: messageIds(mail.headerLines, 'in-reply-to'),
    references: messageIds(mail.headerLines, 'references'),
    automatic: isAutomatic(mail, envelope),
    text: trimReply(fullText),
    fullText,
  };
}

async function parse(raw: Buffer): Promise<ParsedMail> {
  try {
    return await simpleParser(raw, PARSER_OPTIONS);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new MalformedMailError(`The message could not be parsed: ${why}`, { cause: error });
  }
}

/** NUL cannot be stored by the database; line ends are LF like everything else we keep. */
function clean(text: string): string {
  return text.replaceAll('\u0000', '').replace(/\r\n?/g, '\n');
}

function sender(header: AddressObject | undefined): InboundMessage['from'] {
  const first = flatten(header?.value ?? [])
    .find((entry) => clean(entry.address ?? '').trim() !== '');
  if (!first) return null;
  const name = clean(first.name).trim();
  return { address: clean(first.address!).trim(), name: name === '' ? null : name };
}

function recipients(headers: ParsedMail['headers'], envelope: Envelope | undefined): string[] {
  const found = ['to', 'cc', 'delivered-to', 'x-original-to']
    .flatMap((key) => addressesIn(headers.get(key)))
    .map((entry) => entry.address ?? '');
  const all = [...found, ...(envelope?.rcptTo ?? []).map(bare)]
    .map((address) => clean(address).trim().toLowerCase())
    .filter((address) => address !== '');
  return [...new Set(all)];
}

/**
 * mailparser parses To, Cc and Delivered-To into address objects (an array when the header
 * is repeated) and leaves X-Original-To a string; groups are replaced by their members.
 */
function addressesIn(value: HeaderValue | undefined): EmailAddress[] {
  if (value === undefined) return [];
  const items: unknown[] = Array.isArray(value) ? value : [value];
  return items.flatMap((item) => {
    if (typeof item === 'string') return parseAddressHeader(item, { flatten: true }).value;
    return isAddressObject(item) ? flatten(item.value) : [];
  });
}

function isAddressObject(item: unknown): item is AddressObject {
  return typeof item === 'object' && item !== null && Array.isArray((item as AddressObject).value);
}

function flatten(entries: EmailAddress[]): EmailAddress[] {
  return entries.flatMap((entry) => (entry.group ? flatten(entry.group) : [entry]));
}

/**
 * The ids of every `key` header, read from the raw lines: mailparser keeps only the first
 * In-Reply-To and splits References on spaces, which breaks on `<a@x>,<b@x>` and comments.
 */
function messageIds(lines: HeaderLines, key: string): string[] {
  const ids = lines
    .filter((line) => line.key === key)
    .flatMap((line) => idsIn(headerValue(line.line)));
  return [...new Set(ids.map(clean))];
}

function idsIn(value: string): string[] {
  const bracketed = [...value.matchAll(/<([^<>]*)>/g)].map((match) => match[1]!.trim());
  if (bracketed.length > 0) return bracketed.filter((id) => id !== '');
  // Some senders leave the brackets off; a bare id has no spaces, so the words are the ids.
  return value.split(/[\s,]+/).filter((id) => id !== '' && !id.startsWith('('));
}

/** The value of a raw header line: after the first colon, folding undone. */
function headerValue(line: string): string {
  return line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
}

function isAutomatic(mail: ParsedMail, envelope: Envelope | undefined): boolean {
  return isAutoSubmitted(mail.headers) || hasAutoreplyHeader(mail.headerLines)
    || isBulk(mail.headers) || isReport(mail)
    || hasNullSender(mail.headerLines, envelope) || isDaemon(mail.from, envelope);
}

/** RFC 3834: any value but "no" (parameters after ";" aside) means a machine sent it. */
function isAutoSubmitted(headers: ParsedMail['headers']): boolean {
  return stringsOf(headers.get('auto-submitted'))
    .some((value) => value.split(';')[0]!.trim().toLowerCase() !== 'no');
}

/** Their mere presence counts: the values vary by vendor ("yes", "1", a reason). */
function hasAutoreplyHeader(lines: HeaderLines): boolean {
  return lines.some((line) => AUTOREPLY_HEADERS.includes(line.key));
}

function isBulk(headers: ParsedMail['headers']): boolean {
  return stringsOf(headers.get('precedence'))
    .some((value) => AUTOMATIC_PRECEDENCE.has(value.trim().toLowerCase()));
}

/** A report at the top, or a delivery-status part anywhere (kept as an attachment). */
function isReport(mail: ParsedMail): boolean {
  const type = mail.headers.get('content-type');
  const topType = typeof type === 'object' && 'value' in type && typeof type.value === 'string'
    ? type.value.toLowerCase() : '';
  return REPORT_TYPES.has(topType)
    || mail.attachments.some((part) => REPORT_TYPES.has(part.contentType.toLowerCase()));
}

/** The null sender `<>`, from the envelope or from the Return-Path the MTA recorded. */
function hasNullSender(lines: HeaderLines, envelope: Envelope | undefined): boolean {
  const mailFrom = envelope?.mailFrom;
  if (mailFrom !== null && mailFrom !== undefined && bare(mailFrom) === '') return true;
  return lines.some((line) => line.key === 'return-path' && headerValue(line.line) === '<>');
}

/** MAILER-DAEMON@… or postmaster@… as From or as envelope sender; a bare name counts too. */
function isDaemon(from: AddressObject | undefined, envelope: Envelope | undefined): boolean {
  const senders = flatten(from?.value ?? []).map((entry) => entry.address || entry.name);
  if (envelope?.mailFrom) senders.push(bare(envelope.mailFrom));
  return senders.some((address) => {
    const local = address.includes('@') ? address.slice(0, address.lastIndexOf('@')) : address;
    return DAEMON_NAMES.has(local.trim().toLowerCase());
  });
}

function stringsOf(value: HeaderValue | undefined): string[] {
  const items: unknown[] = Array.isArray(value) ? value : [value];
  return items.filter((item): item is string => typeof item === 'string');
}

/** An SMTP path without its angle brackets: `<a@b.example>` → `a@b.example`, `<>` → ''. */
function bare(path: string): string {
  return path.trim().replace(/^<(.*)>$/, '$1').trim();
}
