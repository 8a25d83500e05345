import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TabAssetError, isFresh, loadTabAssets, teamsJsBundlePath } from '../../src/tab/assets.js';

describe('the tab assets', () => {
  it('finds the browser bundle of teams-js in its package', () => {
    expect(teamsJsBundlePath()).toMatch(/@microsoft[\\/]teams-js[\\/]dist[\\/]umd[\\/]MicrosoftTeams\.min\.js$/);
  });

  it('reads the page, script and style sheet with their types and an ETag each', () => {
    const assets = loadTabAssets();
    expect(assets.page.contentType).toBe('text/html; charset=utf-8');
    expect(assets.script.contentType).toBe('text/javascript; charset=utf-8');
    expect(assets.style.contentType).toBe('text/css; charset=utf-8');
    expect(new Set([assets.page.etag, assets.script.etag, assets.style.etag, assets.teamsJs.etag]).size).toBe(4);
  });

  it('fails at start-up, naming the file, when an asset is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sspr-tab-'));
    try {
      writeFileSync(join(dir, 'index.html'), '<!doctype html>');
      expect(() => loadTabAssets(dir)).toThrow(TabAssetError);
      expect(() => loadTabAssets(dir)).toThrow(/app\.js/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['"abc"', true],
    ['W/"abc"', true],
    ['"old", "abc"', true],
    ['*', true],
    ['"old"', false],
    [undefined, false],
  ])('treats If-None-Match %j as fresh: %s', (header, fresh) => {
    expect(isFresh(header, '"abc"')).toBe(fresh);
  });
});
