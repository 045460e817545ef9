/**
 * Phone numbers as people type them, read into E.164 against the account's
 * default region. The E.164 form is what search and caller look-up compare, so
 * `+1 (212) 555-0161`, `212.555.0161` and `+12125550161` are one number.
 */
import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js';

export interface NormalizedPhone {
  raw: string;
  /** E.164 without extension; null when the number is withheld or unreadable. */
  e164: string | null;
  extension: string | null;
}

/** What phone systems and people write for a number that is not there. */
const WITHHELD = new Set(['anonymous', 'unknown', 'withheld', 'private', 'restricted',
  'unavailable', 'none']);

export function normalizePhone(raw: string, defaultRegion: string): NormalizedPhone {
  const trimmed = raw.trim();
  const none = { raw, e164: null, extension: null };
  if (trimmed === '' || WITHHELD.has(trimmed.toLowerCase())) return none;
  if ((trimmed.match(/\d/g) ?? []).length < 3) return none;

  // libphonenumber reads `011` for a US default but not the `00` used almost
  // everywhere else, so `00` is rewritten to `+` first.
  const international = trimmed.replace(/^00(?=\s*[1-9])/, '+');
  const region = isValidRegion(defaultRegion) ? (defaultRegion as CountryCode) : 'US';
  const parsed = parsePhoneNumberFromString(international, region);
  // isPossible, not isValid: fictional ranges (555-01xx) are real enough for staff.
  if (!parsed || !parsed.isPossible()) return none;
  return { raw, e164: parsed.number, extension: parsed.ext ?? null };
}

export function isValidRegion(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && isSupportedCountry(code);
}
