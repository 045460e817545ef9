/**
 * Date formatters in an account's time zone, for what Caseline writes out (mail,
 * print). Kept per zone and style: building one costs about a millisecond. An
 * account's zone is checked when saved, but the runtime may still lack it: then
 * the formatter falls back to UTC, and `resolvedOptions().timeZone` says so.
 */
const STYLES = {
  /** "4 December 2026, 16:05" */
  words: { day: 'numeric', month: 'long', year: 'numeric' },
  /** "2024-03-05 14:07", once its parts are put in order */
  digits: { day: '2-digit', month: '2-digit', year: 'numeric' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatterInZone(
  timezone: string, style: keyof typeof STYLES,
): Intl.DateTimeFormat {
  const key = `${style} ${timezone}`;
  const known = formatters.get(key);
  if (known) return known;
  const make = (timeZone: string) => new Intl.DateTimeFormat('en-GB', {
    timeZone, ...STYLES[style], hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  });
  let made: Intl.DateTimeFormat;
  try {
    made = make(timezone);
  } catch {
    made = make('UTC');
  }
  if (formatters.size < 1000) formatters.set(key, made); // zones are few; bounded anyway
  return made;
}
