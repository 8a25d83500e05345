import type { Gazetteer } from '../knowledge/types.js';

export type OutOfScopeKind = 'consumer' | 'enterprise' | 'file' | 'device';

/** The gazetteer compiled into one whole-word pattern per list. */
export interface CompiledGazetteer {
  readonly lists: ReadonlyArray<{ kind: OutOfScopeKind | 'devices' | 'deviceSecrets' | 'inScope'; pattern: RegExp }>;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function wholeWords(names: readonly string[]): RegExp {
  const alternatives = [...names].sort((a, b) => b.length - a.length).map((n) => escape(n.toLowerCase()).replace(/\s+/g, '[\\s-]+'));
  // An empty list must match nothing.
  if (alternatives.length === 0) return /(?!)/u;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'u');
}

export function compileGazetteer(g: Gazetteer | undefined): CompiledGazetteer {
  if (!g) return { lists: [] };
  return {
    lists: [
      { kind: 'inScope', pattern: wholeWords(g.inScope) },
      { kind: 'consumer', pattern: wholeWords(g.consumer) },
      { kind: 'enterprise', pattern: wholeWords(g.enterprise) },
      { kind: 'file', pattern: wholeWords(g.file) },
      { kind: 'device', pattern: wholeWords(g.standaloneDevice) },
      { kind: 'devices', pattern: wholeWords(g.devices) },
      { kind: 'deviceSecrets', pattern: wholeWords(g.deviceSecrets) },
    ],
  };
}

const plainText = (text: string): string =>
  text
    .slice(0, 4000)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019'`´]/g, '');

/** Whether the message names the work or school account (or a Microsoft personal account) outright. */
export function namesWorkAccount(gazetteer: CompiledGazetteer, text: string): boolean {
  return gazetteer.lists.find((l) => l.kind === 'inScope')?.pattern.test(plainText(text)) ?? false;
}

/**
 * What else than the work or school account a message is about, or null: a consumer service, another enterprise
 * system, a file, or a device's own lock. A message naming the work or school account stays in scope.
 */
export function readOutOfScopeName(gazetteer: CompiledGazetteer, text: string): OutOfScopeKind | null {
  if (gazetteer.lists.length === 0) return null;
  const plain = plainText(text);
  const has = (kind: string): boolean => gazetteer.lists.find((l) => l.kind === kind)?.pattern.test(plain) ?? false;
  if (has('inScope')) return null;
  for (const kind of ['consumer', 'enterprise', 'file', 'device'] as const) if (has(kind)) return kind;
  if (has('devices') && has('deviceSecrets')) return 'device';
  return null;
}
