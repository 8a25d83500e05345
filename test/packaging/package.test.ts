import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { buffer } from 'node:stream/consumers';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { ConfigError, loadConfig } from '../../src/config.js';
import {
  buildAppPackage,
  fillManifest,
  MANIFEST_DIR,
  ManifestValidationError,
  manifestProblems,
  PackagingError,
  resolvePackageValues,
  validateManifest,
} from '../../src/packaging/index.js';
import { SHARED_DIR } from '../helpers/shared.js';

const APP_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const DOMAIN = 'sspr-bot-test.example.com';

// The manifest's own shape, as far as these tests look into it.
interface Command {
  title: string;
  description: string;
}
interface Manifest {
  manifestVersion: string;
  id: string;
  validDomains: string[];
  bots: Array<{ botId: string; scopes: string[]; commandLists: Array<{ scopes: string[]; commands: Command[] }> }>;
  composeExtensions: Array<{
    botId: string;
    commands: Array<{ id: string; type: string; context: string[]; fetchTask?: boolean; parameters?: unknown[] }>;
  }>;
  staticTabs: Array<{ entityId: string; contentUrl: string; websiteUrl: string; scopes: string[] }>;
}

/** Every entry of a zip, by name, with its bytes. */
async function readZip(path: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true });
  const entries = new Map<string, Buffer>();
  try {
    for await (const entry of zip.eachEntry()) {
      entries.set(entry.fileName, await buffer(await zip.openReadStreamPromise(entry)));
    }
  } finally {
    zip.close();
  }
  return entries;
}

/** The official schema of a manifestVersion, compiled as schemas/README.md says: ajv-draft-04, formats, not strict. */
function officialSchemaErrors(manifest: Manifest): string[] {
  const schemaPath = `${SHARED_DIR}/schemas/teams-manifest/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`;
  const ajv = new ajvDraft04.default({ allErrors: true, strict: false });
  (ajvFormats as unknown as { default: typeof ajvFormats.default }).default(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

function decodePng(data: Buffer): PNG {
  return PNG.sync.read(data);
}

const template = readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8');
const values = { MicrosoftAppId: APP_ID, BOT_DOMAIN: DOMAIN };

describe('the Teams app package built by npm run package', () => {
  let folder: string;
  let entries: Map<string, Buffer>;
  let manifestText: string;
  let manifest: Manifest;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'sspr-package-'));
    const path = await buildAppPackage({ values, out: join(folder, 'nested', 'app.zip') });
    entries = await readZip(path);
    manifestText = entries.get('manifest.json')?.toString('utf8') ?? '';
    manifest = JSON.parse(manifestText) as Manifest;
  });

  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('holds exactly manifest.json, color.png and outline.png, at the root', () => {
    expect([...entries.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('has a manifest that the official schema of its manifestVersion accepts', () => {
    expect(manifest.manifestVersion).toBe('1.17');
    expect(officialSchemaErrors(manifest)).toEqual([]);
  });

  it('leaves no ${{ placeholder unfilled', () => {
    expect(manifestText).not.toContain('${{');
  });

  it('uses the app id for the app, the bot and the message extension', () => {
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots.map((bot) => bot.botId)).toEqual([APP_ID]);
    expect(manifest.composeExtensions.map((extension) => extension.botId)).toEqual([APP_ID]);
  });

  it("trusts the bot's domain and no other", () => {
    expect(manifest.validDomains).toEqual([DOMAIN]);
  });

  it('installs the bot in personal chats, teams and group chats', () => {
    expect(manifest.bots[0]?.scopes).toEqual(expect.arrayContaining(['personal', 'team', 'groupChat']));
  });

  it.each(['personal', 'team', 'groupChat'])('offers help, subscribe and unsubscribe in the %s command list', (scope) => {
    const list = manifest.bots[0]?.commandLists.find((candidate) => candidate.scopes.includes(scope));
    expect(list?.commands.map((command) => command.title)).toEqual(expect.arrayContaining(['help', 'subscribe', 'unsubscribe']));
  });

  it('has a search query for the compose box and a diagnose action on messages', () => {
    const commands = manifest.composeExtensions[0]?.commands ?? [];
    expect(commands).toContainEqual(expect.objectContaining({ id: 'searchTopics', type: 'query', context: ['compose', 'commandBox'] }));
    expect(commands).toContainEqual(expect.objectContaining({ id: 'diagnoseMessage', type: 'action', context: ['message'], fetchTask: false }));
  });

  it('gives the static message action the parameters Teams needs to show it without fetching a task', () => {
    const action = manifest.composeExtensions[0]?.commands.find((command) => command.id === 'diagnoseMessage');
    expect(action?.parameters?.length).toBeGreaterThan(0);
  });

  it('opens the personal knowledge base tab on the bot domain', () => {
    expect(manifest.staticTabs).toContainEqual(
      expect.objectContaining({
        entityId: 'knowledge',
        contentUrl: `https://${DOMAIN}/tab`,
        websiteUrl: `https://${DOMAIN}/tab`,
        scopes: ['personal'],
      }),
    );
  });

  it('has a 192×192 colour icon', () => {
    const png = decodePng(entries.get('color.png')!);
    expect([png.width, png.height]).toEqual([192, 192]);
  });

  it('has a 32×32 outline icon of white and fully transparent pixels only', () => {
    const png = decodePng(entries.get('outline.png')!);
    expect([png.width, png.height]).toEqual([32, 32]);
    const offending: string[] = [];
    for (let at = 0; at < png.data.length; at += 4) {
      const [r, g, b, a] = png.data.subarray(at, at + 4);
      const white = r === 255 && g === 255 && b === 255;
      if (a !== 0 && !white) offending.push(`pixel ${at / 4}: rgba(${r}, ${g}, ${b}, ${a})`);
    }
    expect(offending).toEqual([]);
    expect(png.data.some((byte, at) => at % 4 === 3 && byte > 0)).toBe(true);
  });
});

describe('packaging refuses what Teams would refuse', () => {
  it('names the placeholder that has no value', () => {
    expect(() => fillManifest(template, { MicrosoftAppId: APP_ID })).toThrow(/\$\{\{BOT_DOMAIN\}\}/);
    expect(() => fillManifest(template, { MicrosoftAppId: APP_ID, BOT_DOMAIN: '' })).toThrow(PackagingError);
  });

  it('writes no zip when a value is missing', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sspr-package-'));
    try {
      const out = join(folder, 'app.zip');
      await expect(buildAppPackage({ values: { MicrosoftAppId: APP_ID }, out })).rejects.toThrow(/BOT_DOMAIN/);
      expect(existsSync(out)).toBe(false);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('escapes values so that they cannot break the JSON', () => {
    const filled = fillManifest('{"a": "${{X}}"}', { X: 'quote " and \\ backslash' });
    expect(filled).toEqual({ a: 'quote " and \\ backslash' });
  });

  it.each([
    ['no MicrosoftAppId', { botDomain: DOMAIN }, {}, /MicrosoftAppId is not set.*--app-id/],
    ['no BOT_DOMAIN', { microsoftAppId: APP_ID }, {}, /BOT_DOMAIN is not set.*--domain/],
    ['an --app-id that is not a GUID', { botDomain: DOMAIN }, { appId: 'not-a-guid' }, /--app-id "not-a-guid" is not a GUID/],
    ['a --domain that is a URL', { microsoftAppId: APP_ID }, { domain: 'https://bot.example.com/' }, /--domain .* is not a host name/],
  ])('explains what is wrong when given %s', (_case, config, overrides, message) => {
    expect(() => resolvePackageValues({ microsoftAppId: undefined, ...config }, overrides)).toThrow(message);
  });

  it('lets --app-id and --domain win over the configuration', () => {
    const other = '00000000-0000-0000-0000-0000000000aa';
    const overrides = { appId: other, domain: 'local.example.org' };
    expect(resolvePackageValues({ microsoftAppId: APP_ID, botDomain: DOMAIN }, overrides)).toEqual({
      MicrosoftAppId: other,
      BOT_DOMAIN: 'local.example.org',
    });
  });

  it('refuses a BOT_DOMAIN with a scheme or a path at start-up, naming the variable', () => {
    expect(() => loadConfig({ BOT_DOMAIN: 'https://bot.example.com/api' })).toThrow(ConfigError);
    expect(() => loadConfig({ BOT_DOMAIN: 'https://bot.example.com/api' })).toThrow(/^BOT_DOMAIN:/);
    expect(loadConfig({ BOT_DOMAIN: 'Bot.Example.com' }).botDomain).toBe('bot.example.com');
  });

  it('rejects a bot scope spelled groupchat, pointing at it', () => {
    const manifest = fillManifest(template, values) as Manifest;
    manifest.bots[0]!.scopes = ['personal', 'team', 'groupchat'];
    expect(manifestProblems(manifest)).toContainEqual(expect.stringMatching(/^\/bots\/0\/scopes\/2 .*groupChat/));
    expect(() => validateManifest(manifest)).toThrow(ManifestValidationError);
  });

  it('accepts the filled template as it is', () => {
    expect(manifestProblems(fillManifest(template, values))).toEqual([]);
  });

  it('refuses a manifestVersion that has no schema', () => {
    const manifest = { ...(fillManifest(template, values) as Manifest), manifestVersion: '0.1' };
    expect(() => validateManifest(manifest)).toThrow(/no Teams manifest schema/);
  });
});
