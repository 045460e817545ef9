/**
 * A real SMTP server on 127.0.0.1 for tests (smtp-server), keeping every
 * message it accepts, raw and parsed by mailparser. `refuse` makes it answer
 * every connection with a temporary failure, as a mail server that is down.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  raw: string;
  parsed: ParsedMail;
  envelope: { from: string | null; to: string[] };
}

export interface TestSmtpServer {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** While true, connections get "421 try again later". */
  refuse: boolean;
  /** Recipients refused for good ("550 no such mailbox"). */
  unknownRecipients: Set<string>;
  /** Resolves when `count` mails have arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const state: TestSmtpServer = {
    url: '', port: 0, received, refuse: false, unknownRecipients: new Set(),
    waitFor(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (received.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(received);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`waited ${timeoutMs} ms for ${count} mail(s), got ${received.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session, callback) {
      if (!state.refuse) return callback();
      const err = Object.assign(new Error('Try again later'), { responseCode: 421 });
      return callback(err);
    },
    onRcptTo(address, _session, callback) {
      if (!state.unknownRecipients.has(address.address.toLowerCase())) return callback();
      return callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then((parsed) => {
          received.push({
            raw, parsed,
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
              to: session.envelope.rcptTo.map((r) => r.address),
            },
          });
          for (const wake of [...waiters]) wake();
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  state.port = typeof address === 'object' && address ? address.port : 0;
  state.url = `smtp://127.0.0.1:${state.port}`;
  return state;
}
