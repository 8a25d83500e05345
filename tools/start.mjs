// npm start: the compiled server under plain node, compiling first when dist/ is missing or older than the sources.
import { pathToFileURL } from 'node:url';
import { ENTRY, ensureBuilt } from './build.mjs';

try {
  ensureBuilt();
} catch {
  process.stderr.write('Cannot start: the build failed (see above).\n');
  process.exit(1);
}
await import(pathToFileURL(ENTRY).href);
