import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type restify from 'restify';
import { DEFAULT_TAB_DIR } from '../tab/assets.js';
import { PAGE_CSP, securityHeaders } from '../tab/headers.js';

/** /privacy and /terms, which the Teams manifest links to. */
export function registerLegalRoutes(server: restify.Server, dir: string = DEFAULT_TAB_DIR): void {
  for (const page of ['privacy', 'terms']) {
    const body = readFileSync(join(dir, `${page}.html`));
    server.get(`/${page}`, async (_req, res) => {
      res.sendRaw(200, body, { ...securityHeaders(PAGE_CSP), 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'public, max-age=3600' });
    });
  }
}
