/**
 * A separate process for the cross-process test: increments a shared counter `rounds` times through SqliteStorage
 * on `<dir>`, re-reading and retrying on eTag conflicts. Usage: counterWorker.ts <dir> <rounds>.
 * Prints {"conflicts": n} on success.
 */
import { ETagConflictError, SqliteStorage } from '../../src/storage/index.js';

const [dir, rounds] = process.argv.slice(2);
if (!dir || !rounds) throw new Error('usage: counterWorker.ts <dir> <rounds>');

const storage = new SqliteStorage(dir);
let conflicts = 0;
for (let done = 0; done < Number(rounds);) {
  const counter = (await storage.read(['counter'])).counter;
  if (!counter) throw new Error('the counter must be written before the workers start');
  try {
    await storage.write({ counter: { ...counter, count: Number(counter.count) + 1 } });
    done += 1;
  } catch (error) {
    if (!(error instanceof ETagConflictError)) throw error;
    conflicts += 1;
  }
}
await storage.close();
process.stdout.write(JSON.stringify({ conflicts }));
