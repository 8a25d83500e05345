/**
 * `npm run package`: builds the Teams app package (dist/sspr-bot-teams-app.zip) from manifest/, filling the
 * manifest with MicrosoftAppId and BOT_DOMAIN from .env and checking it against the official schema.
 * `npm run package -- --app-id <guid> --domain <host> --out <file.zip>` overrides them for a local try.
 * Only the zip's path goes to stdout; problems go to stderr with exit code 1.
 */
import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { ConfigError, loadConfig } from '../config.js';
import { buildAppPackage, PackagingError, resolvePackageValues } from '../packaging/index.js';

const USAGE = 'usage: npm run package -- [--app-id <guid>] [--domain <host name>] [--out <file.zip>]';

async function main(): Promise<void> {
  const { values: flags } = parseArgs({
    args: process.argv.slice(2),
    options: {
      'app-id': { type: 'string' },
      domain: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  dotenv.config({ quiet: true });
  const config = loadConfig(process.env);
  const values = resolvePackageValues(config, { appId: flags['app-id'], domain: flags.domain });
  const path = await buildAppPackage(flags.out === undefined ? { values } : { values, out: flags.out });
  process.stdout.write(`${path}\n`);
}

function isUsageError(error: unknown): boolean {
  return error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const lines = [`package failed: ${message}`];
  if (error instanceof PackagingError && error.cause instanceof Error) lines.push(`  because: ${error.cause.message}`);
  if (error instanceof ConfigError) lines.push('  (check it in .env or the environment)');
  if (isUsageError(error)) lines.push(USAGE);
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exitCode = 1;
});
