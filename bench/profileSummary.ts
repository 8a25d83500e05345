/**
 * Summarises V8 .cpuprofile files (node --cpu-prof) into the frames with the most self time, by function and file,
 * with node_modules paths shortened to the package. Usage: tsx bench/profileSummary.ts <dir or file> [--top 15] [--inclusive [--match text]]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly children?: readonly number[];
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const target = process.argv[2];
if (!target) throw new Error('usage: bench/profileSummary.ts <dir or .cpuprofile> [--top 15]');
const at = process.argv.indexOf('--top');
const top = at >= 0 ? Number(process.argv[at + 1]) : 15;
const files = statSync(target).isDirectory()
  ? readdirSync(target)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => join(target, f))
  : [target];

const where = (url: string): string => {
  const inModules = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (inModules) return inModules[1]!;
  const ours = url.match(/\/((?:src|dialogs|bench|dist)\/.*)$/);
  return ours ? ours[1]! : url.replace(/^node:/, 'node:') || '(native)';
};

// --inclusive: also the frames with the most inclusive time (a frame counts once per sample, however deep it recurs).
const inclusive = process.argv.includes('--inclusive');
const selfMs = new Map<string, number>();
const inclusiveMs = new Map<string, number>();
const byPlace = new Map<string, number>();
let total = 0;
for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const keyOf = (n: ProfileNode): string => `${n.callFrame.functionName || '(anonymous)'} — ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  profile.samples.forEach((id, i) => {
    const node = nodes.get(id);
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    if (!node) return;
    const { functionName, url } = node.callFrame;
    const place = where(url);
    const key = `${functionName || '(anonymous)'} — ${place}`;
    selfMs.set(key, (selfMs.get(key) ?? 0) + ms);
    if (inclusive && !['(idle)', '(program)', '(garbage collector)'].includes(functionName)) {
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const k = keyOf(nodes.get(at)!);
        if (!seen.has(k)) inclusiveMs.set(k, (inclusiveMs.get(k) ?? 0) + ms);
        seen.add(k);
      }
    }
    const group = ['(idle)', '(program)', '(garbage collector)'].includes(functionName) ? functionName : place.split('/')[0]!;
    byPlace.set(group, (byPlace.get(group) ?? 0) + ms);
    total += ms;
  });
}
const busy = total - (byPlace.get('(idle)') ?? 0);
const pct = (ms: number): string => `${((100 * ms) / busy).toFixed(1)}%`;
const rows = (map: Map<string, number>): Array<[string, number]> =>
  [...map]
    .filter(([k]) => !k.startsWith('(idle)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top);
console.log(`| top frames by self time (${(busy / 1000).toFixed(1)} s busy) | share |`);
console.log('|---|---:|');
for (const [key, ms] of rows(selfMs)) console.log(`| ${key} | ${pct(ms)} |`);
console.log('');
console.log('| by package or folder | share |');
console.log('|---|---:|');
for (const [key, ms] of rows(byPlace)) console.log(`| ${key} | ${pct(ms)} |`);
if (inclusive) {
  console.log('');
  console.log('| top frames by inclusive time | share |');
  console.log('|---|---:|');
  // --match <text>: only frames whose name or place contains it.
  const matchAt = process.argv.indexOf('--match');
  const match = matchAt >= 0 ? process.argv[matchAt + 1]! : '';
  const matching = new Map([...inclusiveMs].filter(([k]) => k.includes(match)));
  for (const [key, ms] of rows(matching)) console.log(`| ${key} | ${pct(ms)} |`);
}
