/** One clock for every stored timestamp: ISO 8601 UTC with milliseconds, sortable as text. */
export function now(): string {
  return new Date().toISOString();
}
