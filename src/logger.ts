/**
 * One pino logger for the process: JSON lines in production, pretty lines
 * when a person watches a terminal. Credentials never reach the log.
 */
import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Secrets that travel in URLs: the CTI and inbound-mail tokens in the path, and the
 * pairing and sign-in tokens in portal links. They are cut from every logged URL.
 */
export function redactUrl(url: string): string {
  return url
    .replace(/\/(cti|mail\/inbound)\/[^/?#]+/g, '/$1/[redacted]')
    .replace(/([?&]token=)[^&#]*/g, '$1[redacted]');
}

/** `destination` is for tests; the server logs to standard output. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const pretty = !destination && process.stdout.isTTY && process.env.NODE_ENV !== 'production';
  const options = {
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'password', '*.password',
        'currentPassword', '*.currentPassword', 'newPassword', '*.newPassword'],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method?: string; url?: string; hostname?: string; ip?: string;
        id?: string }) => ({
        id: req.id, method: req.method, url: req.url && redactUrl(req.url),
        hostname: req.hostname, remoteAddress: req.ip,
      }),
    },
    ...(pretty && {
      transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } },
    }),
  };
  return destination ? pino(options, destination) : pino(options);
}
