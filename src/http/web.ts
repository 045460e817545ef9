/**
 * Serves the staff web app built by Vite into dist/web. Any GET outside /api
 * that is not a file gets index.html (see errors.ts), so the app's own router
 * takes over.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

const here = path.dirname(fileURLToPath(import.meta.url));
/** dist/web seen from src/http (tsx) and from dist/server/http (compiled, `npm start`). */
const CANDIDATES = [path.resolve(here, '../../dist/web'), path.resolve(here, '../../web')];

/** Registers the static files; false when the web app has not been built. */
export async function registerWebApp(app: FastifyInstance): Promise<boolean> {
  const root = CANDIDATES.find((dir) => fs.existsSync(path.join(dir, 'index.html')));
  if (!root) {
    app.log.warn('web app not built: run `npm run build` to serve the staff app');
    return false;
  }
  await app.register(fastifyStatic, { root, wildcard: false, index: false });
  return true;
}

/** A browser navigation to one of the app's pages, as opposed to an API call or a file. */
export function isPageRequest(method: string, url: string): boolean {
  const pathname = url.split('?')[0] ?? '';
  return method === 'GET' && !pathname.startsWith('/api/') && path.extname(pathname) === '';
}
