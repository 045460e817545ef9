import type { z } from 'zod';
import { ValidationError } from '../domain/errors.js';

/**
 * Validates CLI options with the same schema the API uses; problems are named
 * by their option flags.
 */
export function parseInput<T extends z.ZodType>(
  schema: T, input: Record<string, unknown>, flags: Record<string, string>,
): z.output<T> {
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const result = schema.safeParse(defined);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? 'input');
    fields[flags[key] ?? key] ??= issue.message;
  }
  throw new ValidationError('Missing or invalid options', fields);
}
