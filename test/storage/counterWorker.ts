/**
 * A separate bot process for the cross-process test: increments a shared counter `rounds` times through DiskStorage,
 * re-reading and retrying on eTag conflicts, as botbuilder state would. Usage: counterWorker.ts <dir> <rounds>.
 */
import { DiskStorage, ETagConflictError } from '../../src/storage/index.js';

const [dir, rounds] = process.argv.slice(2);
if (!dir || !rounds) throw new Error('usage: counterWorker.ts <dir> <rounds>');

const storage = new DiskStorage(dir);
let conflicts = 0;
for (let done = 0; done < Number(rounds); ) {
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
process.stdout.write(JSON.stringify({ conflicts }));
