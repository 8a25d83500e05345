/**
 * `npm run --silent classify`: JSONL in, JSONL out (one line per input line, in order).
 * `npm run --silent classify -- --text "..."` classifies one message. Only JSON goes to stdout.
 */
import '../quietDotenv.js';
import { createInterface } from 'node:readline';
import { loadCatalog } from '../knowledge/index.js';
import { Classifier } from '../nlu/index.js';

function render(classifier: Classifier, text: string): string {
  const result = classifier.classify(text);
  return JSON.stringify({ text, matches: result.matches, outOfScope: result.outOfScope, smallTalk: result.smallTalk });
}

function textArgument(argv: readonly string[]): string | undefined {
  const at = argv.indexOf('--text');
  if (at < 0) return undefined;
  return argv[at + 1] ?? '';
}

async function main(): Promise<void> {
  const classifier = new Classifier(loadCatalog());
  const single = textArgument(process.argv.slice(2));
  if (single !== undefined) {
    process.stdout.write(`${render(classifier, single)}\n`);
    return;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    // readline decodes UTF-8 with replacement characters, so invalid bytes never throw here.
    if (!process.stdout.write(`${render(classifier, line)}\n`)) {
      await new Promise((resolve) => process.stdout.once('drain', resolve));
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`classify failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
