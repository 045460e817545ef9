/**
 * Builds the Fastify application without listening, so tests can drive it with
 * `inject()` and the CLI can listen where it is told.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, validatorCompiler } from 'fastify-type-provider-zod';
import { pino, type Logger } from 'pino';
import type { Config } from '../config.js';
import type { Store } from '../storage/database.js';
import { installAuth } from './auth.js';
import { clientError, frameworkError, installErrorHandling } from './errors.js';
import { installJsonBody } from './json-body.js';
import { installSecurityHeaders } from './security-headers.js';
import { healthRoutes } from './routes/health.js';
import { signInRoutes } from './routes/sign-in.js';
import { administrationRoutes } from './routes/administration.js';
import { customerRoutes } from './routes/customers.js';
import { caseRoutes } from './routes/cases.js';
import { caseMessageRoutes } from './routes/case-messages.js';
import { mailRoutes } from './routes/mail.js';
import { portalRoutes } from './routes/portal.js';
import { inboundMailRoutes } from './routes/inbound-mail.js';
import { telephonyRoutes } from './routes/telephony.js';
import { liveRoutes } from './routes/live.js';
import { startLiveHub } from '../live/hub.js';
import { registerWebApp } from './web.js';
import { startPdfRenderer } from '../print/pdf-renderer.js';
import { startOutboxWorker } from '../mail/outbox-worker.js';
import { startCallWriter } from '../telephony/call-writer.js';
import { startSilentCallSweeper } from '../telephony/silent-call-sweeper.js';

/** Requests are refused above this size; a message body alone may be 100,000 characters. */
const BODY_LIMIT = 1024 * 1024;

export interface AppOptions {
  config: Config;
  store: Store;
  logger: Logger | false;
}

export async function buildApp({ config, store, logger }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger || undefined,
    logger: logger ? undefined : false,
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy,
    frameworkErrors: frameworkError,
    // A PBX's call id may be up to 200 characters (cti-events.ts); Fastify's default is 100.
    routerOptions: { maxParamLength: 256 },
    clientErrorHandler: clientError,
  } as never) as unknown as FastifyInstance;

  app.removeContentTypeParser('application/json');
  installJsonBody(app);
  app.setValidatorCompiler(validatorCompiler);
  // Response schemas document the API; replies are plain JSON.stringify, which
  // is faster than validating every answer against its schema.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  installSecurityHeaders(app);
  installErrorHandling(app, await registerWebApp(app));
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Caseline API', version: '1.0.0',
        description: 'Cases, customers, departments and visibility. See API.md.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'caseline_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const log = logger || pino({ level: 'silent' });
  const pdf = startPdfRenderer();
  const outbox = startOutboxWorker({ store, mail: config.mail, logger: log });
  const live = await startLiveHub(store, config.databaseUrl, log);
  const calls = startCallWriter({ store, logger: log });
  const silentCalls = startSilentCallSweeper({ store, logger: log });
  app.addHook('onClose', async () => {
    await calls.close();
    await silentCalls.stop();
    await outbox.stop();
    await live.close();
    await pdf.close();
  });
  const context = { config, store, pdf, outbox, live, calls };
  await app.register(healthRoutes, context);
  await app.register(async (api) => {
    installAuth(api, store.db, config.publicUrl);
    api.get('/openapi.json', { config: { public: true }, schema: { hide: true } },
      async () => app.swagger());
    await api.register(signInRoutes, context);
    await api.register(administrationRoutes, context);
    await api.register(customerRoutes, context);
    await api.register(caseRoutes, context);
    await api.register(caseMessageRoutes, context);
    await api.register(mailRoutes, context);
    await api.register(portalRoutes, context);
    await api.register(inboundMailRoutes, context);
    await api.register(telephonyRoutes, context);
    await api.register(liveRoutes, context);
  }, { prefix: '/api/v1' });
  return app;
}
