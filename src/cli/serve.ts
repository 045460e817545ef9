import type { Config } from '../config.js';
import { buildApp } from '../http/app.js';
import { startSmtpListener } from '../mail/smtp-listener.js';
import { createLogger } from '../logger.js';
import { openStore } from '../storage/database.js';
import { migrate } from '../storage/migrate.js';

/** `caseline serve`: migrate, then listen until SIGINT or SIGTERM. */
export async function serve(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const store = openStore(config.databaseUrl);
  const applied = await migrate(store);
  if (applied.length > 0) logger.info({ applied }, 'database migrated');

  const app = await buildApp({ config, store, logger });
  await app.listen({ host: config.host, port: config.port });
  const { port: mailInPort, host: mailInHost } = config.mail.inbound;
  const smtp = mailInPort === null ? null
    : await startSmtpListener(store.db, config, logger, mailInPort);
  const url = config.publicUrl;
  process.stdout.write(
    `\nCaseline is running at ${url}  (database: ${config.databaseUrl})\n`
    + `  New here? Create your company account at ${url}/signup\n`
    + `  Already have one? Sign in at ${url}/login\n`
    + `  API docs: ${url}/api/docs\n`
    + (smtp ? `  Replies by e-mail: SMTP on ${mailInHost}:${smtp.port}\n` : '')
    + (config.mail.smtpUrl ? '' : '  E-mail: SMTP_URL is not set, so mail waits in the outbox\n')
    + '\n',
  );

  const stop = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await smtp?.close();
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
