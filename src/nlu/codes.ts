import type { CodeType } from '../knowledge/types.js';

export interface FoundCode {
  readonly type: CodeType;
  /** Canonical spelling: SSPR_0013, 33004, 800700CE, or the catalog's name. */
  readonly value: string;
}

/** What the extractor may recognise: the codes the catalog knows (names in their catalog spelling). */
export interface KnownCodes {
  readonly events: ReadonlySet<string>;
  readonly hresults: ReadonlySet<string>;
  readonly names: ReadonlyMap<string, string>;
}

export function buildKnownCodes(codes: Iterable<{ type: CodeType; value: string }>): KnownCodes {
  const events = new Set<string>();
  const hresults = new Set<string>();
  const names = new Map<string, string>();
  for (const code of codes) {
    if (code.type === 'event') events.add(code.value);
    if (code.type === 'hresult') hresults.add(code.value.toUpperCase());
    if (code.type === 'name') names.set(code.value.toLowerCase(), code.value);
  }
  return { events, hresults, names };
}

const SSPR_CODE = /\bsspr[\s_#:-]*0*(\d{1,2})(?!\d)/gi;
// "error code 0013", "code 0029", "err 0030": the leading zeros make it an SSPR code.
const BARE_SSPR_CODE = /\b(?:error|code|err|fehler)\s*(?:code|no\.?|number|#)?\s*[#:=]?\s*(00\d\d)\b/gi;
const HRESULT = /(?:\bhr\s*[=:]?\s*|\b0x|\b)([0-9a-f]{8})\b/gi;
const NUMBER = /(?<![\d.+:/-])(\d{3,5})(?![\d:/])/g;
const WORD = /[a-z][a-z0-9]{5,}/gi;

/** Finds every catalog code in a message, in order of appearance, each once. */
export function extractCodes(text: string, known: KnownCodes): FoundCode[] {
  const found: Array<FoundCode & { at: number }> = [];
  const seen = new Set<string>();
  const add = (type: CodeType, value: string, at: number): void => {
    const key = `${type}:${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ type, value, at });
  };
  for (const m of text.matchAll(SSPR_CODE)) add('sspr', `SSPR_${m[1]!.padStart(4, '0')}`, m.index);
  for (const m of text.matchAll(BARE_SSPR_CODE)) add('sspr', `SSPR_${m[1]!}`, m.index);
  for (const m of text.matchAll(HRESULT)) {
    const value = m[1]!.toUpperCase();
    if (known.hresults.has(value)) add('hresult', value, m.index);
  }
  for (const m of text.matchAll(NUMBER)) {
    if (known.events.has(m[1]!)) add('event', m[1]!, m.index);
  }
  for (const m of text.matchAll(WORD)) {
    const name = known.names.get(m[0].toLowerCase());
    if (name) add('name', name, m.index);
  }
  return found.sort((a, b) => a.at - b.at).map(({ type, value }) => ({ type, value }));
}
