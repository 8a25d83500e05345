import type { AddressInfo } from 'node:net';
import restify from 'restify';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/knowledge/index.js';
import { Classifier } from '../../src/nlu/index.js';
import { registerTabRoutes, type AdminSummary, type TabRouteDeps } from '../../src/tab/index.js';

const catalog = loadCatalog();
const classifier = new Classifier(catalog);
const sspr13 = catalog.topic('sspr-0013')!;

const ADMIN_TOKEN = 'admin.token.sig';
const summary: AdminSummary = {
  recentNotifications: [{ at: '2026-11-30T09:15:00Z', topicId: 'sspr-0013', title: sspr13.title, summary: 'Ada is not in the <b>SSPR</b> group' }],
  topTopics: [{ id: 'sspr-0013', title: sspr13.title, count: 7 }],
  deflection: {
    resolved: 3,
    escalated: 1,
    abandoned: 0,
    open: 2,
    rate: 0.75,
    topics: [{ id: 'sspr-0013', title: sspr13.title, resolved: 3, escalated: 1, abandoned: 0, open: 2, rate: 0.75 }],
  },
};
const authorizeAdmin = async (header: string | undefined): Promise<boolean> => header === `Bearer ${ADMIN_TOKEN}`;

async function start(deps: Partial<TabRouteDeps> = {}): Promise<{ base: string; close: () => void }> {
  const server = restify.createServer({ handleUncaughtExceptions: false });
  registerTabRoutes(server, { catalog, classifier, ...deps });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

interface Result {
  id: string;
  title: string;
  audience: string;
  category: string;
  codes: string[];
  score: number;
}

describe('the knowledge base tab routes', () => {
  let base: string;
  let close: () => void;

  beforeAll(async () => {
    ({ base, close } = await start({ adminData: () => summary, authorizeAdmin }));
  });
  afterAll(() => close());

  const search = async (query: string): Promise<{ status: number; body: { results: Result[]; total?: number; error?: string } }> => {
    const response = await fetch(`${base}/api/kb/search${query}`);
    return { status: response.status, body: (await response.json()) as { results: Result[] } };
  };

  it('finds sspr-0013 first for the code SSPR_0013', async () => {
    const { status, body } = await search('?q=SSPR_0013');
    expect(status).toBe(200);
    expect(body.results[0]).toMatchObject({ id: 'sspr-0013', title: sspr13.title, audience: 'user', codes: ['SSPR_0013', 'UserNotMemberOfScopedAccessGroup'] });
    expect(body.results.length).toBeLessThanOrEqual(10);
  });

  it('finds the missing text message from a description', async () => {
    const { body } = await search(`?q=${encodeURIComponent('the code never arrives on my phone')}`);
    expect(body.results.slice(0, 3).map((r) => r.id)).toContain('sms-or-call-not-received');
    expect(body.results.every((r) => r.score > 0 && r.score <= 1)).toBe(true);
  });

  it('finds nothing for a request that is not about password reset', async () => {
    expect((await search('?q=my%20printer%20is%20jammed')).body.results).toEqual([]);
  });

  it('lists the whole catalog by title without a query, a page at a time', async () => {
    const all = await search('');
    expect(all.body.results).toHaveLength(catalog.topics.length);
    expect(all.body.total).toBe(catalog.topics.length);
    const titles = all.body.results.map((r) => r.title);
    const collator = new Intl.Collator('en', { sensitivity: 'base', ignorePunctuation: true, numeric: true });
    expect(titles).toEqual([...titles].sort(collator.compare));

    const page = await search('?q=&offset=10&limit=5');
    expect(page.body.results.map((r) => r.id)).toEqual(all.body.results.slice(10, 15).map((r) => r.id));
    expect((await search('?limit=1000')).body.results).toHaveLength(Math.min(100, catalog.topics.length));
  });

  it.each([
    ['a query over 500 characters', `?q=${'a'.repeat(501)}`],
    ['two queries', '?q=a&q=b'],
    ['a negative offset', '?offset=-1'],
    ['a limit that is not a number', '?limit=ten'],
  ])('rejects %s with a 400 JSON error', async (_name, query) => {
    const { status, body } = await search(query);
    expect(status).toBe(400);
    expect(typeof body.error).toBe('string');
  });

  it('shows a topic with both views, the escalation, the docs link and the related titles', async () => {
    const response = await fetch(`${base}/api/kb/topics/sspr-0013`);
    expect(response.status).toBe(200);
    const topic = (await response.json()) as Record<string, unknown>;
    expect(topic).toMatchObject({
      id: 'sspr-0013',
      title: sspr13.title,
      cause: sspr13.cause,
      fix: sspr13.fix,
      escalation: sspr13.escalation,
      codes: ['SSPR_0013', 'UserNotMemberOfScopedAccessGroup'],
      source: { url: sspr13.source.url, section: sspr13.source.section },
      related: sspr13.related.map((id) => ({ id, title: catalog.topic(id)!.title })),
    });
    expect(topic).not.toHaveProperty('symptoms');
  });

  it.each(['no-such-topic', 'SSPR-0013', '..%2F..%2Fpackage.json', `${'a'.repeat(101)}`])('answers 404 JSON for the topic %j', async (id) => {
    const response = await fetch(`${base}/api/kb/topics/${id}`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('asks for a bearer token before showing the admin summary', async () => {
    const response = await fetch(`${base}/api/kb/admin`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await response.json()).toHaveProperty('error');
    expect((await fetch(`${base}/api/kb/admin`, { headers: { authorization: 'Basic dXNlcjpwdw==' } })).status).toBe(401);
  });

  it('forbids the admin summary to a token the admin check refuses', async () => {
    const response = await fetch(`${base}/api/kb/admin`, { headers: { authorization: 'Bearer someone.else.sig' } });
    expect(response.status).toBe(403);
    expect(await response.json()).toHaveProperty('error');
  });

  it('shows the admin summary to an admin, never cached', async () => {
    const response = await fetch(`${base}/api/kb/admin`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual(summary);
  });

  it('forbids the admin summary when no admin data or admin check is wired', async () => {
    const bare = await start();
    try {
      const response = await fetch(`${bare.base}/api/kb/admin`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(response.status).toBe(403);
    } finally {
      bare.close();
    }
  });

  it('answers 401 when the admin check cannot verify the token, and 500 when the data fails', async () => {
    const failing = await start({
      authorizeAdmin: async (header) => {
        if (header !== `Bearer ${ADMIN_TOKEN}`) throw new Error('bad signature');
        return true;
      },
      adminData: async () => {
        throw new Error('storage down');
      },
    });
    try {
      expect((await fetch(`${failing.base}/api/kb/admin`, { headers: { authorization: 'Bearer forged.token.sig' } })).status).toBe(401);
      const response = await fetch(`${failing.base}/api/kb/admin`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(response.status).toBe(500);
      expect(JSON.stringify(await response.json())).not.toContain('storage down');
    } finally {
      failing.close();
    }
  });

  it.each([
    ['/tab', /^text\/html; charset=utf-8$/, 'no-cache'],
    ['/tab/', /^text\/html; charset=utf-8$/, 'no-cache'],
    ['/tab/app.js', /^text\/javascript; charset=utf-8$/, 'no-cache'],
    ['/tab/style.css', /^text\/css; charset=utf-8$/, 'no-cache'],
    ['/tab/teams-js.js', /^text\/javascript; charset=utf-8$/, 'public, max-age=86400'],
  ])('serves %s with its type, caching and security headers', async (path, type, cacheControl) => {
    const response = await fetch(`${base}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(type);
    expect(response.headers.get('cache-control')).toBe(cacheControl);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBeNull();
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/frame-ancestors [^;]*https:\/\/teams\.microsoft\.com/);
    for (const host of ['*.teams.microsoft.com', '*.office.com', '*.microsoft365.com', '*.cloud.microsoft']) expect(csp).toContain(`https://${host}`);
    expect((await response.text()).length).toBeGreaterThan(0);
  });

  it('serves the teams-js browser bundle from node_modules', async () => {
    const script = await (await fetch(`${base}/tab/teams-js.js`)).text();
    expect(script).toContain('microsoftTeams');
  });

  it('answers 304 when the browser already has the current file', async () => {
    const first = await fetch(`${base}/tab/app.js`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const again = await fetch(`${base}/tab/app.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('marks API answers as data that is never cached', async () => {
    const response = await fetch(`${base}/api/kb/search?q=SSPR_0013`);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});

/** teams-js asks the Microsoft CDN for its list of host origins; the test answers for the CDN. */
const CDN = 'https://res.cdn.office.net/**';
const VALID_ORIGINS = JSON.stringify({ validOrigins: ['teams.microsoft.com', '*.teams.microsoft.com', '*.cloud.microsoft'] });

/** A stand-in for teams-js as Teams would answer it: dark theme, an SSO token for an admin. */
const FAKE_TEAMS_JS = `
window.microsoftTeams = {
  app: {
    initialize: () => Promise.resolve(),
    getContext: () => Promise.resolve({ app: { theme: 'dark' } }),
    registerOnThemeChangeHandler: (handler) => { window.__themeHandler = handler; },
    notifySuccess: () => { window.__notified = true; return Promise.resolve(); },
  },
  authentication: { getAuthToken: () => Promise.resolve(${JSON.stringify(ADMIN_TOKEN)}) },
};`;

describe('the knowledge base tab in a browser', () => {
  let base: string;
  let close: () => void;
  let browser: Browser;

  beforeAll(async () => {
    ({ base, close } = await start({ adminData: () => summary, authorizeAdmin }));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    close();
  });

  /** A fresh page that records console errors, page errors and dialogs. */
  async function openTab(options: { teamsJs?: string } = {}): Promise<{ page: Page; problems: string[]; dialogs: string[] }> {
    const page = await browser.newPage();
    const problems: string[] = [];
    const dialogs: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.route(CDN, (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', headers: { 'access-control-allow-origin': '*' }, body: VALID_ORIGINS }),
    );
    if (options.teamsJs !== undefined) {
      const body = options.teamsJs;
      await page.route('**/tab/teams-js.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body }));
    }
    await page.goto(`${base}/tab`);
    await page.locator('#results li').first().waitFor();
    return { page, problems, dialogs };
  }

  it('finds SSPR_0013 outside Teams, opens it by keyboard and switches to the admin view', async () => {
    const { page, problems, dialogs } = await openTab();
    try {
      expect(await page.locator('#results li').count()).toBe(catalog.topics.length);
      expect(await page.getAttribute('body', 'class')).toBe('theme-default');

      await page.getByLabel('Search by error code or by describing the problem').fill('SSPR_0013');
      await page.keyboard.press('Enter');
      const first = page.locator('#results a').first();
      await expect.poll(() => first.getAttribute('data-topic-id')).toBe('sspr-0013');
      expect(await first.textContent()).toContain(sspr13.title);

      await first.focus();
      await page.keyboard.press('Enter');
      await page.locator('#topic-view').waitFor({ state: 'visible' });
      expect(await page.locator('#topic-title').textContent()).toBe(sspr13.title);
      expect(await page.locator('#topic-fix li').allTextContents()).toEqual(sspr13.fix.user);
      expect(await page.locator('#topic-cause').textContent()).toBe(sspr13.cause.user);
      expect(await page.locator('#topic-actor').textContent()).toMatch(/admin/i);
      expect(await page.locator('#topic-docs').getAttribute('href')).toBe(sspr13.source.url);

      await page.getByRole('button', { name: 'For admins' }).click();
      expect(await page.locator('#topic-cause').textContent()).toBe(sspr13.cause.admin);
      expect(await page.locator('#topic-fix li').allTextContents()).toEqual(sspr13.fix.admin);
      expect(await page.getByRole('button', { name: 'For admins' }).getAttribute('aria-pressed')).toBe('true');

      await page.keyboard.press('Escape');
      await page.locator('#results-view').waitFor({ state: 'visible' });
      expect(await page.locator('#admin-section').isHidden()).toBe(true);
      expect(problems).toEqual([]);
      expect(dialogs).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('shows a query with markup as text and runs nothing from it', async () => {
    const { page, problems, dialogs } = await openTab();
    try {
      const attack = '<img src=x onerror=alert(1)>';
      await page.getByLabel('Search by error code or by describing the problem').fill(attack);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('#results-heading').textContent()).toBe(`Results for “${attack}”`);
      await page.waitForTimeout(300);
      expect(await page.locator('main img').count()).toBe(0);
      expect(dialogs).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('inside Teams follows the theme, reports success and shows admins their summary as text', async () => {
    const { page, problems } = await openTab({ teamsJs: FAKE_TEAMS_JS });
    try {
      await expect.poll(() => page.getAttribute('body', 'class')).toBe('theme-dark');
      expect(await page.evaluate(() => (window as unknown as { __notified?: boolean }).__notified)).toBe(true);

      await page.locator('#admin-section').waitFor({ state: 'visible' });
      expect(await page.locator('#admin-notifications li').first().textContent()).toContain('Ada is not in the <b>SSPR</b> group');
      expect(await page.locator('#admin-notifications b').count()).toBe(0);
      expect(await page.locator('#admin-top-topics li').first().textContent()).toContain(sspr13.title);
      expect(await page.locator('#admin-top-topics li').first().textContent()).toContain('7');
      expect(await page.locator('#admin-deflection-total').textContent()).toBe('All topics: 75% (3 resolved, 1 escalated, 0 abandoned, 2 open)');
      expect(await page.locator('#admin-deflection li').first().textContent()).toContain(`${sspr13.title} — 75%`);

      await page.evaluate(() => (window as unknown as { __themeHandler: (theme: string) => void }).__themeHandler('contrast'));
      expect(await page.getAttribute('body', 'class')).toBe('theme-contrast');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
