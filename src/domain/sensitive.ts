/**
 * Warnings for text that looks like it holds sensitive data (PRODUCT.md rule 9:
 * a shared working space, not a vault). Caseline warns; it does not block, so
 * each check prefers missing an odd case to crying wolf on ordinary messages.
 *
 * Every pattern here matches a bounded amount of text at each position and
 * has no nested or overlapping repetition, so a scan stays linear even on a
 * 100,000-character message. A warning never repeats the value it found.
 */
export type SensitiveKind = 'card_number' | 'national_id' | 'password';

export interface SensitiveWarning {
  kind: SensitiveKind;
  message: string;
}

const MESSAGES: Record<SensitiveKind, string> = {
  card_number: 'This message looks like it contains a payment card number.',
  national_id: 'This message looks like it contains a national ID number.',
  password: 'This message looks like it contains a password or PIN.',
};

/** At most one warning per kind, in a fixed order: card, national ID, password. */
export function findSensitiveData(text: string): SensitiveWarning[] {
  const kinds: SensitiveKind[] = [];
  if (hasCardNumber(text)) kinds.push('card_number');
  if (hasNationalId(text)) kinds.push('national_id');
  if (hasPassword(text)) kinds.push('password');
  return kinds.map((kind) => ({ kind, message: MESSAGES[kind] }));
}

// ---------------------------------------------------------------- card numbers

/** Digit groups joined by single spaces or dashes; a leading `+` marks a phone number. */
const DIGIT_RUN = /\+?\d+(?:[ -]\d+)*/g;
const ALPHANUMERIC = /[\p{L}\p{N}]/u;

function hasCardNumber(text: string): boolean {
  for (const match of text.matchAll(DIGIT_RUN)) {
    const run = match[0];
    // Too short to hold 13 digits: most runs (amounts, dates, times) end here.
    if (run.length < 13 || run.startsWith('+')) continue;
    // Glued to letters it is a code (an IBAN, a reference), not a card someone typed.
    const before = text[match.index - 1];
    const after = text[match.index + run.length];
    if ((before && ALPHANUMERIC.test(before)) || (after && ALPHANUMERIC.test(after))) continue;
    if (startsWithCardNumber(run)) return true;
  }
  return false;
}

/**
 * A card is written whole (`4111111111111111`) or in groups that open with
 * four digits (`4111 1111 1111 1111`, Amex `3782 822463 10005`), with one kind
 * of separator. Only the start of a run is tried, so an expiry or CVV typed
 * straight after the number (`4111 1111 1111 1111 12/25`) still leaves it
 * found, while phone numbers (`1 212 555 0161`) and dates never open like that.
 */
function startsWithCardNumber(run: string): boolean {
  const groups = run.split(/[ -]/);
  const first = groups[0]!;
  if (first.length >= 13) return isCardNumber(first);
  if (first.length !== 4) return false;
  const separator = run[4];
  let digits = first;
  let at = 5;
  for (const group of groups.slice(1, 6)) {
    if (run[at - 1] !== separator) break;
    digits += group;
    at += group.length + 1;
    if (digits.length > 19) break;
    if (digits.length >= 13 && isCardNumber(digits)) return true;
  }
  return false;
}

/** 13–19 digits, a major-industry digit of issued cards (2–6), and the Luhn check. */
function isCardNumber(digits: string): boolean {
  return digits.length >= 13 && digits.length <= 19 && /^[2-6]/.test(digits) && luhn(digits);
}

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

// --------------------------------------------------------------- national IDs

function hasNationalId(text: string): boolean {
  return hasUsSsn(text) || hasUkNino(text) || hasSpanishId(text) || hasItalianFiscalCode(text);
}

/** `123-45-6789`, not part of a longer dashed number. */
const SSN_DASHED = /(?<![\d-])(\d{3})-(\d{2})-(\d{4})(?![\d-])/g;
/** Nine digits written any way, when the text says it is an SSN. */
const SSN_LABELLED = new RegExp(String.raw`(?<![A-Za-z])(?:ssn|social\s+security\s+(?:number|no))`
  + String.raw`\.?\s*(?:[:#]\s*)?(\d{3})[ -]?(\d{2})[ -]?(\d{4})(?!\d)`, 'gi');

function hasUsSsn(text: string): boolean {
  for (const pattern of [SSN_DASHED, SSN_LABELLED]) {
    for (const [, area, group, serial] of text.matchAll(pattern)) {
      // Never issued: area 000, 666 or 9xx (ITINs), group 00, serial 0000.
      if (area !== '000' && area !== '666' && !area!.startsWith('9') && group !== '00'
        && serial !== '0000') return true;
    }
  }
  return false;
}

/**
 * UK National Insurance number, `QQ 12 34 56 C`: the first letter is never D, F,
 * I, Q, U or V, the second never those or O, some pairs are never issued, and
 * the suffix is A–D.
 */
const NINO = new RegExp(String.raw`(?<![A-Za-z0-9])(?!BG|GB|KN|NK|NT|TN|ZZ)`
  + String.raw`[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]`
  + String.raw`(?![A-Za-z0-9])`, 'i');

function hasUkNino(text: string): boolean {
  return NINO.test(text);
}

/**
 * Spanish DNI (`12345678Z`) and NIE (`X1234567L`): the letter is the number
 * mod 23, which rules out all but one letter in 23. Upper case only, as printed,
 * because a lower-case letter after eight digits is more often a unit or suffix.
 */
const SPANISH_ID = /(?<![A-Za-z0-9])([XYZ]\d{7}|\d{8})-?([A-Z])(?![A-Za-z0-9])/g;
const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

function hasSpanishId(text: string): boolean {
  for (const [, number, letter] of text.matchAll(SPANISH_ID)) {
    const digits = number!.replace(/^[XYZ]/, (l) => String('XYZ'.indexOf(l)));
    if (DNI_LETTERS[Number(digits) % 23] === letter) return true;
  }
  return false;
}

/**
 * Italian codice fiscale, `RSSMRA85T10A562S`: six letters, birth date and place
 * (digits may be swapped for letters to tell twins apart) and a check letter.
 */
const FISCAL_CODE = new RegExp(String.raw`(?<![A-Za-z0-9])[A-Z]{6}[\dLMNP-V]{2}[A-EHLMPR-T]`
  + String.raw`[\dLMNP-V]{2}[A-Z][\dLMNP-V]{3}[A-Z](?![A-Za-z0-9])`, 'gi');
/** Check values of characters in odd positions: 0–9 (worth the same as A–J), then K–Z. */
const ODD_VALUES = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16,
  10, 22, 25, 24, 23];

function hasItalianFiscalCode(text: string): boolean {
  for (const [code] of text.matchAll(FISCAL_CODE)) {
    if (fiscalCodeCheckLetter(code.toUpperCase()) === code.at(-1)!.toUpperCase()) return true;
  }
  return false;
}

function fiscalCodeCheckLetter(code: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = code.charCodeAt(i);
    const digit = c <= 57 ? c - 48 : -1;
    const letter = c - 65;
    // Positions count from 1, so index 0 is an odd position.
    if (i % 2 === 0) sum += ODD_VALUES[digit >= 0 ? digit : letter]!;
    else sum += digit >= 0 ? digit : letter;
  }
  return String.fromCharCode(65 + (sum % 26));
}

// ----------------------------------------------------------------- passwords

const PASSWORD_WORD = String.raw`pass(?:word|wort|code|wd)?|pwd|pw|kennwort|wachtwoord`
  + String.raw`|contrase(?:ñ|n\u0303?)a|mot\s+de\s+passe|mdp|senha|lösenord`;
const PIN_WORD = String.raw`pin(?:\s+(?:code|number))?`;
const VERB = String.raw`is\s+now|is|was|ist|war|lautet|es|era|est|était|é|è`;
/**
 * A password or PIN word followed by `:`/`=` or by a verb ("my PIN is"). The
 * value after it is judged in code, so the pattern never backtracks over it.
 */
const CUE = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:(${PIN_WORD})|${PASSWORD_WORD})`
  + String.raw`(?:\s*([:=])|\s+(?:${VERB})(?![\p{L}\p{N}])(?:\s*([:=]))?)[ \t]*`, 'giu');

/** What forms and error messages put after "Password:" that is not a password. */
const NOT_A_VALUE = new Set(['none', 'n/a', 'na', 'null', 'nil', 'empty', 'unknown', 'hidden',
  'redacted', 'reset', 'required', 'forgotten', 'forgot', 'expired', 'invalid', 'incorrect',
  'wrong', 'changed', 'sent', 'same', 'optional']);

function hasPassword(text: string): boolean {
  for (const match of text.matchAll(CUE)) {
    const [, pin, sign, signAfterVerb] = match;
    const value = readValue(text, match.index + match[0].length);
    if (!value) continue;
    if (pin !== undefined ? /^\d{4,8}$/.test(value.text) : looksLikePassword(value,
      sign !== undefined || signAfterVerb !== undefined)) return true;
  }
  return false;
}

/**
 * After `:` or `=` anything but a placeholder counts. After a mere verb ("my
 * password is …") ordinary words and sizes usually describe it ("is not
 * working", "is case-sensitive", "is 8-12 characters"), so the value must be
 * quoted, or four or more characters mixing letters and digits, holding a
 * symbol, or all digits.
 */
function looksLikePassword(value: { text: string; quoted: boolean }, signed: boolean): boolean {
  const { text } = value;
  if (!signed && !value.quoted) {
    // Plain words first: they are most of what follows "password is".
    if (text.length < 4 || /^[\p{L}'’.-]+$/u.test(text)) return false;
    const secretLike = (/\p{L}/u.test(text) && /\p{N}/u.test(text))
      || /[^\p{L}\p{N}'’.-]/u.test(text) || /^\p{N}+$/u.test(text);
    if (!secretLike) return false;
  }
  return /[\p{L}\p{N}]/u.test(text) && !NOT_A_VALUE.has(text.toLowerCase());
}

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’', '«': '»',
  '„': '“', '`': '`' };
const MAX_VALUE = 100;

/** The value after a cue: a quoted string, or one word without trailing punctuation. */
function readValue(text: string, start: number): { text: string; quoted: boolean } | null {
  const close = QUOTES[text[start] ?? ''];
  const window = text.slice(start, start + MAX_VALUE + 2);
  if (close) {
    const end = window.indexOf(close, 1);
    if (end > 1) return { text: window.slice(1, end), quoted: true };
  }
  const word = /^\S+/.exec(window)?.[0].replace(/[.,;:!?)\]}>…]+$/, '') ?? '';
  const bare = word.replace(/^[(<[{"'“‘«„`]+/, '');
  return bare ? { text: bare, quoted: false } : null;
}
