/**
 * Phone numbers as people type them, read into E.164 against the account's
 * default region. The E.164 form is what search and caller look-up compare, so
 * `+1 (212) 555-0161`, `212.555.0161` and `+12125550161` are one number.
 *
 * This runs on every search and every incoming call, so it uses the library's
 * core API with metadata tuned per region (see `metadataFor`).
 */
import {
  getCountryCallingCode, isSupportedCountry, parseDigits, parsePhoneNumberFromString,
  type CountryCode, type MetadataJson,
} from 'libphonenumber-js/core';
// The min metadata is enough: we check possible lengths, never number types.
import metadata from 'libphonenumber-js/min/metadata';

export interface NormalizedPhone {
  /** Exactly as given, untrimmed. */
  raw: string;
  /** E.164 without extension; null when the number is withheld or unreadable. */
  e164: string | null;
  extension: string | null;
}

/** What phone systems and people write for a number that is not there. */
const WITHHELD = new Set(['anonymous', 'unknown', 'withheld', 'private', 'restricted',
  'unavailable', 'none']);

/** Empty, or a word a phone system writes for a caller who withheld their number. */
export function isWithheld(raw: string): boolean {
  const trimmed = raw.trim();
  return trimmed === '' || WITHHELD.has(trimmed.toLowerCase());
}

/** The library gives up on longer input too; stopping early bounds our own work. */
const MAX_INPUT = 250;

export function normalizePhone(raw: string, defaultRegion: string): NormalizedPhone {
  const none = { raw, e164: null, extension: null };
  const trimmed = raw.trim();
  if (trimmed.length > MAX_INPUT || WITHHELD.has(trimmed.toLowerCase())) return none;
  if (!hasDigits(trimmed, 3)) return none;

  const upper = defaultRegion.toUpperCase();
  const region = isValidRegion(upper) ? (upper as CountryCode) : undefined;
  const text = rewriteDoubleZero(trimmed, region);
  const parsed = region
    ? parsePhoneNumberFromString(text, region, metadataFor(region))
    : parsePhoneNumberFromString(text, metadataFor(undefined));
  // isPossible, not isValid: fictional ranges (555-01xx, 07700 900xxx) are real
  // enough for staff, and new number ranges should not wait for a library update.
  if (!parsed || !parsed.isPossible()) return none;
  // The library keeps extension digits in the script typed (`x١٢٣`); ASCII compares.
  return { raw, e164: parsed.number, extension: parsed.ext ? parseDigits(parsed.ext) : null };
}

/** A two-letter region code libphonenumber knows (ISO 3166-1, plus AC, TA and XK). */
export function isValidRegion(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && isSupportedCountry(code as CountryCode, metadata);
}

/** A plain loop: a regex count showed up in profiles of this hot path. */
function hasDigits(text: string, wanted: number): boolean {
  let found = 0;
  for (let i = 0; i < text.length && found < wanted; i++) {
    const code = text.charCodeAt(i);
    // The library also reads other scripts' digits (Arabic-Indic, full-width).
    if ((code >= 48 && code <= 57) || (code > 127 && /\p{Nd}/u.test(text[i]!))) found++;
  }
  return found >= wanted;
}

/**
 * `00` is the international prefix almost everywhere, but libphonenumber only
 * strips the default region's own prefix (`011` for the US). Where that prefix
 * does not cover the typed `00…` (US, and AU's `0011` vs `0044`), it becomes `+`.
 */
function rewriteDoubleZero(text: string, region: CountryCode | undefined): string {
  if (!/^00\s*[1-9]/.test(text)) return text;
  const idd = region && iddPattern(region);
  if (idd && idd.test(text.replace(/\D/g, ''))) return text;
  return `+${text.slice(2)}`;
}

const iddPatterns = new Map<CountryCode, RegExp | null>();

function iddPattern(region: CountryCode): RegExp | null {
  let pattern = iddPatterns.get(region);
  if (pattern === undefined) {
    // Index 1 of a minified numbering plan is its international (IDD) prefix.
    const idd: unknown = metadata.countries[region]?.[1];
    pattern = typeof idd === 'string' ? new RegExp(`^(?:${idd})`) : null;
    iddPatterns.set(region, pattern);
  }
  return pattern;
}

const tuned = new Map<CountryCode | undefined, MetadataJson>();

/**
 * Metadata in which every calling code shared by several regions names one:
 * the default region for its own code, the main region for the others. The
 * library otherwise tries each region's number patterns to name the country
 * (25 of them for +1), which is most of its time and changes nothing in E.164.
 * Regions sharing a code share possible lengths too (a random-input comparison
 * with the full `max` API found no difference), so the isPossible check holds.
 */
function metadataFor(region: CountryCode | undefined): MetadataJson {
  let tunedMetadata = tuned.get(region);
  if (!tunedMetadata) {
    const own = region && getCountryCallingCode(region, metadata);
    const codes: MetadataJson['country_calling_codes'] = {};
    for (const [code, regions] of Object.entries(metadata.country_calling_codes)) {
      codes[code] = code === own && region ? [region] : regions.slice(0, 1);
    }
    tunedMetadata = { ...metadata, country_calling_codes: codes };
    tuned.set(region, tunedMetadata);
  }
  return tunedMetadata;
}
