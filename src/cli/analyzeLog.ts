/**
 * `npm run --silent analyze-log < events.txt`: reads an event-log paste (Event Viewer text or CSV, Get-WinEvent |
 * Format-List, in UTF-8 or UTF-16) from stdin and prints one JSON object: the timeline, the root cause with its
 * catalog title and admin fix, and a one-line summary. Only JSON goes to stdout; no events is still exit 0.
 */
import '../quietDotenv.js';
import { loadCatalog } from '../knowledge/index.js';
import { analyzeEvents, parseEventLog } from '../extractors/eventLog/index.js';
import { buildReport } from '../extractors/eventLog/report.js';
import { decodeText } from '../extractors/eventLog/decodeText.js';

/** More than the parser reads (it stops at 256 K characters); the rest of stdin is drained and dropped. */
const MAX_INPUT_BYTES = 2 * 1024 * 1024;

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    if (bytes < MAX_INPUT_BYTES) chunks.push(buffer.subarray(0, MAX_INPUT_BYTES - bytes));
    bytes += buffer.length;
  }
  return Buffer.concat(chunks);
}

async function main(): Promise<void> {
  const catalog = loadCatalog();
  const text = decodeText(await readStdin());
  const report = buildReport(analyzeEvents(parseEventLog(text), catalog), catalog);
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`analyze-log failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
