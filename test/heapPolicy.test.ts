import { getHeapSpaceStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { startOptionsOf } from '../bench/compiled.js';
import { releaseStartupGarbage, SEMI_SPACE_OPTION, semiSpaceNotice } from '../src/server/heapPolicy.js';

describe('heap policy', () => {
  it('is given to the server by npm start, where V8 reads it (and so to the benches that run the bot as npm start does)', () => {
    expect(startOptionsOf()).toContain(SEMI_SPACE_OPTION);
  });

  it('says so in the log when the process was started without a young-generation limit', () => {
    expect(semiSpaceNotice([], undefined)).toContain(SEMI_SPACE_OPTION);
    expect(semiSpaceNotice(['--enable-source-maps'], '--max-old-space-size=512')).toContain(SEMI_SPACE_OPTION);
  });

  it('is quiet when a limit was given, on the command line or in NODE_OPTIONS, whatever its size', () => {
    expect(semiSpaceNotice([SEMI_SPACE_OPTION], undefined)).toBeUndefined();
    expect(semiSpaceNotice([], '--enable-source-maps --max-semi-space-size=64')).toBeUndefined();
    expect(semiSpaceNotice(['--max-semi-space-size', '16'], '')).toBeUndefined();
  });

  it('gives start-up garbage back: the young generation grown by allocation shrinks again', async () => {
    const youngMb = (): number => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')!.space_size / 2 ** 20;
    // Allocate as start-up does: many objects, some kept a while, until the young generation has grown.
    let kept: object[] = [];
    for (let i = 0; i < 2e6 && youngMb() < 8; i++) {
      kept.push({ i, list: [i] });
      if (kept.length > 100_000) kept = [];
    }
    const grown = youngMb();
    expect(grown).toBeGreaterThanOrEqual(8);
    expect(await releaseStartupGarbage()).toBe(true);
    expect(youngMb()).toBeLessThan(grown / 2);
  });
});
