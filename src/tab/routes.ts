import type restify from 'restify';
import type { Catalog } from '../knowledge/types.js';
import type { Classifier } from '../nlu/index.js';
import { isFresh, loadTabAssets, type Asset, type TabAssets } from './assets.js';
import { bearerToken } from './bearer.js';
import { API_CSP, PAGE_CSP, securityHeaders } from './headers.js';
import { parseSearchRequest } from './query.js';
import { listTopics, searchResultsFrom } from './search.js';
import { isTopicId, toTopicView } from './topicView.js';
import type { AdminSummary } from './types.js';

export interface TabRouteDeps {
  readonly catalog: Catalog;
  readonly classifier: Pick<Classifier, 'classify'>;
  /** The admin section's data; without it GET /api/kb/admin always answers 403. */
  readonly adminData?: () => Promise<AdminSummary> | AdminSummary;
  /**
   * Decides whether the Authorization header (`Bearer <Teams SSO token>`) belongs to an admin: resolve false for a
   * valid token of someone else (403), reject when the token cannot be verified (401). Without it, 403.
   */
  readonly authorizeAdmin?: (authorizationHeader: string | undefined) => Promise<boolean>;
  /** The page, script, style sheet and teams-js bundle; read from tab/ and node_modules by default. */
  readonly assets?: TabAssets;
}

const API_HEADERS = { ...securityHeaders(API_CSP), 'Cache-Control': 'no-store' };

function sendJson(res: restify.Response, status: number, body: unknown, extra: Record<string, string> = {}): void {
  res.set({ ...API_HEADERS, ...extra });
  res.send(status, body);
}

function serve(asset: Asset): restify.RequestHandler {
  return async (req, res) => {
    const headers = { ...securityHeaders(PAGE_CSP), 'Cache-Control': asset.cacheControl, ETag: asset.etag };
    if (isFresh(req.header('if-none-match'), asset.etag)) {
      res.sendRaw(304, '', headers);
      return;
    }
    res.sendRaw(200, asset.body, { ...headers, 'Content-Type': asset.contentType, 'Content-Length': String(asset.body.length) });
  };
}

/** The "Knowledge base" personal tab (GET /tab and its files) and the JSON API it reads (/api/kb/*). */
export function registerTabRoutes(server: restify.Server, deps: TabRouteDeps): void {
  const { catalog, classifier } = deps;
  const assets = deps.assets ?? loadTabAssets();

  server.get('/tab', serve(assets.page));
  server.get('/tab/', serve(assets.page));
  server.get('/tab/app.js', serve(assets.script));
  server.get('/tab/style.css', serve(assets.style));
  server.get('/tab/teams-js.js', serve(assets.teamsJs));

  server.get('/api/kb/search', async (req, res) => {
    const request = parseSearchRequest(new URLSearchParams(req.getQuery()));
    switch (request.kind) {
      case 'invalid':
        sendJson(res, 400, { error: request.error });
        return;
      case 'search':
        sendJson(res, 200, { results: searchResultsFrom(catalog, classifier.classify(request.q)) });
        return;
      case 'list':
        sendJson(res, 200, { ...listTopics(catalog, request.page), offset: request.page.offset, limit: request.page.limit });
        return;
    }
  });

  server.get('/api/kb/topics/:id', async (req, res) => {
    const id: unknown = req.params?.id;
    const topic = typeof id === 'string' && isTopicId(id) ? catalog.topic(id) : undefined;
    if (!topic) {
      sendJson(res, 404, { error: 'no such topic' });
      return;
    }
    sendJson(res, 200, toTopicView(topic, catalog));
  });

  server.get('/api/kb/admin', async (req, res) => {
    const authorization = req.header('authorization') || undefined;
    if (bearerToken(authorization) === undefined) {
      sendJson(res, 401, { error: 'sign in to see the admin summary' }, { 'WWW-Authenticate': 'Bearer' });
      return;
    }
    if (!deps.adminData || !deps.authorizeAdmin) {
      sendJson(res, 403, { error: 'the admin summary is not available' });
      return;
    }
    let allowed: boolean;
    try {
      allowed = await deps.authorizeAdmin(authorization);
    } catch {
      sendJson(res, 401, { error: 'the sign-in token could not be verified' }, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
      return;
    }
    if (!allowed) {
      sendJson(res, 403, { error: 'the admin summary is for admins only' });
      return;
    }
    let summary: AdminSummary;
    try {
      summary = await deps.adminData();
    } catch {
      sendJson(res, 500, { error: 'the admin summary could not be loaded' });
      return;
    }
    sendJson(res, 200, { recentNotifications: summary.recentNotifications, topTopics: summary.topTopics, deflection: summary.deflection ?? null });
  });
}
