/**
 * Reads the two CSV files of a conversations export (see conversation-import.ts)
 * into records that remember their file and starting line, so every later
 * complaint about a value can say where it is. Columns are checked here; values
 * are checked by the import.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import { NotFoundError, ValidationError } from './errors.js';

export const CASES_FILE = 'cases.csv';
export const MESSAGES_FILE = 'messages.csv';
export const CASE_COLUMNS = ['case_ref', 'department', 'customer_ref', 'customer_name',
  'customer_phone', 'customer_email', 'subject', 'status', 'created_at', 'updated_at'] as const;
export const MESSAGE_COLUMNS = ['case_ref', 'author_type', 'author_name', 'visibility', 'body',
  'created_at'] as const;

/** One CSV record with where it came from, for error messages. */
export interface CsvRecord {
  file: string;
  /** The line the record starts on (1 is the header). */
  line: number;
  values: Record<string, string>;
}

export interface ConversationFiles {
  cases: CsvRecord[];
  messages: CsvRecord[];
}

/** Reads and parses both files of a conversations folder. */
export async function readConversationFiles(dir: string): Promise<ConversationFiles> {
  const [cases, messages] = await Promise.all([
    readCsv(dir, CASES_FILE, CASE_COLUMNS),
    readCsv(dir, MESSAGES_FILE, MESSAGE_COLUMNS),
  ]);
  return { cases, messages };
}

async function readCsv(dir: string, file: string, columns: readonly string[]) {
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, file), 'utf8');
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOENT') throw err;
    throw new NotFoundError(`${file} not found in ${dir}`, { file: path.join(dir, file) });
  }
  return parseCsv(file, text, columns);
}

/** Parses one CSV text whose header must hold `columns` (in any order; others are ignored). */
export function parseCsv(file: string, text: string, columns: readonly string[]): CsvRecord[] {
  let parsed: { record: Record<string, string>; info: { lines: number } }[];
  try {
    parsed = parse(text, {
      columns: (header: string[]) => checkHeader(file, header, columns),
      bom: true,
      skip_empty_lines: true,
      // A stray quote inside an unquoted field is kept as text rather than rejected.
      relax_quotes: true,
      info: true,
    });
  } catch (err) {
    if (err instanceof CsvError) {
      throw new ValidationError(`${file}: ${err.message}`, { file, line: String(err.lines) });
    }
    throw err;
  }
  return parsed.map(({ record, info }) => ({
    file,
    // csv-parse reports the line a record ends on; quoted line breaks move its start up.
    line: info.lines - Object.values(record).reduce((n, v) => n + countLineBreaks(v), 0),
    values: record,
  }));
}

function checkHeader(file: string, header: string[], columns: readonly string[]): string[] {
  const names = header.map((h) => h.trim());
  const missing = columns.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    throw new ValidationError(`${file} line 1: missing column(s) ${missing.join(', ')}`,
      { file, line: '1', columns: missing.join(', ') });
  }
  return names;
}

function countLineBreaks(value: string): number {
  let n = 0;
  for (let i = value.indexOf('\n'); i !== -1; i = value.indexOf('\n', i + 1)) n++;
  return n;
}
