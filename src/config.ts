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
  /**
   * Whose X-Forwarded-For to believe (TRUST_PROXY): false, true, a hop count, or
   * addresses. Throttles keyed on the client address need the real one behind a proxy.
   */
  readonly trustProxy: boolean | number | string;
  readonly mail: MailConfig;
}

export interface MailConfig {
  /** Where mail goes out (smtp:// or smtps://); null keeps it queued in the outbox. */
  readonly smtpUrl: string | null;
  /** Sender when the account sets none. */
  readonly defaultFrom: string;
  /**
   * Domains an account may send from (its mailFrom). Anyone can sign up, so without
   * this an account could send as any address through the company's mail server.
   */
  readonly senderDomains: readonly string[];
  /** Base of the reply addresses: local+ACCOUNT.TOKEN@domain for each case. */
  readonly replyAddress: { local: string; domain: string };
  /** The inbound SMTP listener: off unless a port is given. */
  readonly inbound: { host: string; port: number | null; maxBytes: number };
  /** Secret of POST /api/v1/mail/inbound/:token for hosted mail providers; null turns it off. */
  readonly inboundToken: string | null;
  readonly pairingTtlDays: number;
  /** How often the outbox worker looks for due mail when nothing nudges it. */
  readonly pollMs: number;
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

  const mail = readMailConfig(env, problems);
  const proxy = env.TRUST_PROXY?.trim() ?? '';
  const trustProxy = proxy === '' || proxy === 'false' ? false : proxy === 'true' ? true
    : /^[0-9]+$/.test(proxy) ? Number(proxy) : proxy;

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
    trustProxy,
    mail,
  });
}

const ADDRESS = /^([^@\s+]+)@([^@\s]+)$/;

function readMailConfig(env: NodeJS.ProcessEnv, problems: string[]): MailConfig {
  const smtpUrl = env.SMTP_URL || null;
  if (smtpUrl !== null && !/^smtps?:\/\/[^/]+/.test(smtpUrl)) {
    problems.push('SMTP_URL must be smtp://[user:pass@]host[:port] or smtps://…');
  }
  const defaultFrom = env.MAIL_FROM || 'caseline@localhost';
  if (!ADDRESS.test(defaultFrom)) problems.push('MAIL_FROM must be an e-mail address');

  const senderDomains = (env.MAIL_SENDER_DOMAINS || defaultFrom.split('@')[1] || '')
    .split(',').map((d) => d.trim().toLowerCase()).filter(Boolean);

  const reply = ADDRESS.exec(env.MAIL_REPLY_ADDRESS || 'cases@localhost');
  if (!reply) {
    problems.push('MAIL_REPLY_ADDRESS must be an e-mail address without "+", '
      + 'e.g. cases@example.com');
  }

  const inPort = env.MAIL_IN_PORT ? Number(env.MAIL_IN_PORT) : null;
  if (inPort !== null && (!Number.isInteger(inPort) || inPort < 0 || inPort > 65535)) {
    problems.push(`MAIL_IN_PORT must be a port number, got "${env.MAIL_IN_PORT}"`);
  }
  const maxMb = Number(env.MAIL_IN_MAX_MB ?? '10');
  if (!(maxMb > 0 && maxMb <= 100)) problems.push('MAIL_IN_MAX_MB must be a number from 1 to 100');

  const inboundToken = env.MAIL_IN_TOKEN || null;
  if (inboundToken !== null && inboundToken.length < 24) {
    problems.push('MAIL_IN_TOKEN must be at least 24 characters (a long random secret)');
  }
  const pairingTtlDays = Number(env.PAIRING_TTL_DAYS ?? '7');
  if (!(pairingTtlDays > 0 && pairingTtlDays <= 90)) {
    problems.push('PAIRING_TTL_DAYS must be a number of days from 1 to 90');
  }
  const pollMs = Number(env.MAIL_POLL_MS ?? '5000');
  if (!Number.isInteger(pollMs) || pollMs < 50 || pollMs > 600_000) {
    problems.push('MAIL_POLL_MS must be a whole number of milliseconds from 50 to 600000');
  }
  return {
    smtpUrl,
    defaultFrom,
    senderDomains,
    replyAddress: { local: reply?.[1] ?? 'cases', domain: reply?.[2] ?? 'localhost' },
    inbound: { host: env.MAIL_IN_HOST || '127.0.0.1', port: inPort,
      maxBytes: Math.round(maxMb * 1024 * 1024) },
    inboundToken,
    pairingTtlDays,
    pollMs,
  };
}
