/**
 * Configuration is read once from the environment, validated as a whole and
 * frozen. Every problem is reported at once so an operator fixes them in one go.
 */
export interface Config {
  readonly host: string;
  readonly port: number;
  readonly databaseUrl: string;
  readonly signup: 'open' | 'closed';
  readonly logLevel: string;
  readonly publicUrl: string;
  /** Cookies get `Secure` when the public URL is https. */
  readonly secureCookies: boolean;
  readonly sessionDays: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n- ${problems.join('\n- ')}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const host = env.HOST || '127.0.0.1';

  const port = Number(env.PORT ?? '3000');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`PORT must be a port number, got "${env.PORT}"`);
  }

  const databaseUrl = env.DATABASE_URL || 'sqlite:./data/caseline.db';
  if (!/^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(databaseUrl)) {
    problems.push('DATABASE_URL must be sqlite:PATH or postgres://…');
  }

  const signup = env.CASELINE_SIGNUP || 'open';
  if (signup !== 'open' && signup !== 'closed') {
    problems.push(`CASELINE_SIGNUP must be "open" or "closed", got "${signup}"`);
  }

  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  }

  const urlHost = host.includes(':') ? `[${host}]` : host;
  const publicUrl = (env.PUBLIC_URL || `http://${urlHost}:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(publicUrl)) {
    problems.push('PUBLIC_URL must be an http(s) URL');
  }

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    host,
    port,
    databaseUrl,
    signup: signup as 'open' | 'closed',
    logLevel,
    publicUrl,
    secureCookies: publicUrl.startsWith('https:'),
    sessionDays: 14,
  });
}
