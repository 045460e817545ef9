/**
 * Caseline's own SMTP listener for replies (MAIL_IN_PORT). It accepts mail only
 * for Caseline's addresses, reads it whole, and answers only after the
 * message is stored, so an SMTP "250" means it is safely in; anything it cannot
 * take is refused with a clear code and nothing half stored. No STARTTLS or
 * AUTH: put it behind the MTA that receives the domain's mail.
 */
import type { Logger } from 'pino';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import type { Config } from '../config.js';
import { findAccountForSignIn } from '../domain/accounts.js';
import { NotFoundError } from '../domain/errors.js';
import { receiveMail } from '../domain/inbound-mail.js';
import { readReplyAddress } from '../domain/mail-addresses.js';
import type { Db } from '../storage/database.js';
import { MalformedMailError, readInboundMessage } from './inbound-message.js';

export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

const smtpError = (code: number, message: string) =>
  Object.assign(new Error(message), { responseCode: code });

export async function startSmtpListener(
  db: Db, config: Config, logger: Logger, port: number,
): Promise<SmtpListener> {
  const { host, maxBytes } = config.mail.inbound;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: maxBytes,
    logger: false,
    banner: 'Caseline',
    onRcptTo(address, _session, callback) {
      const ours = readReplyAddress(config.mail, address.address);
      const refuse = () => callback(
        smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`));
      if (!ours) return refuse();
      // An address of an account that does not exist is refused before the data is sent.
      findAccountForSignIn(db, ours.slug).then((account) => (account ? callback() : refuse()),
        () => callback(smtpError(451, '4.3.0 Try again later')));
    },
    onData(stream, session, callback) {
      readStream(stream, maxBytes).then(async (raw) => {
        if (raw === null) {
          return callback(smtpError(552, `5.3.4 Message is larger than ${maxBytes} bytes`));
        }
        const mailFrom = session.envelope.mailFrom === false
          ? null : session.envelope.mailFrom.address;
        const mail = await readInboundMessage(raw, {
          mailFrom, rcptTo: session.envelope.rcptTo.map((r) => r.address),
        });
        const outcome = await receiveMail(db, config, mail);
        logger.info({ ...outcome, via: 'smtp' }, 'mail received');
        return callback();
      }).catch((err: unknown) => {
        if (err instanceof MalformedMailError) {
          return callback(smtpError(550, `5.6.0 Message could not be read: ${err.message}`));
        }
        if (err instanceof NotFoundError) return callback(smtpError(550, `5.1.1 ${err.message}`));
        logger.error({ err }, 'mail could not be stored');
        return callback(smtpError(451, '4.3.0 Could not store the message; try again later'));
      });
    },
  });
  server.on('error', (err) => logger.error({ err }, 'SMTP listener error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  logger.info({ host, port: bound }, 'SMTP listener ready');
  return { port: bound, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The whole message, or null when it ran past the size limit (the rest is drained). */
function readStream(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    stream.on('error', reject);
    stream.on('end', () => resolve(stream.sizeExceeded || size > maxBytes
      ? null : Buffer.concat(chunks)));
  });
}
