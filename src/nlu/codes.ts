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
  /** SSPR code numbers the catalog knows (13 for SSPR_0013): a bare "error 13" means one of these. */
  readonly ssprNumbers: ReadonlySet<number>;
}

export function buildKnownCodes(codes: Iterable<{ type: CodeType; value: string }>): KnownCodes {
  const events = new Set<string>();
  const hresults = new Set<string>();
  const names = new Map<string, string>();
  const ssprNumbers = new Set<number>();
  for (const code of codes) {
    if (code.type === 'sspr') ssprNumbers.add(Number(code.value.slice(5)));
    if (code.type === 'event') events.add(code.value);
    if (code.type === 'hresult') hresults.add(code.value.toUpperCase());
    if (code.type === 'name') names.set(code.value.toLowerCase(), code.value);
  }
  return { events, hresults, names, ssprNumbers };
}

// "SSPR_0013", "sspr13", "ssrp 0009", "ssprr_0030", "SSPR_OO14" (letter O for zero): the prefix misspelt, the digits
// with their zeros typed as O.
const SSPR_CODE = /\b(?:s{1,3}p{1,2}r{1,2}|s{1,2}r{1,2}p{1,2}|spsr|sprs)[\s_#:-]*([0-9o]{0,3}\d)(?![\da-z])/gi;
// "error code 0013", "eror 0009", "err 29", "code 13 at the bottom": after a word for error or code, leading zeros or
// a number the catalog knows as an SSPR code make it one.
const BARE_SSPR_CODE = /\b(?:e?rr?or|eror|errr?|code|fehler)\s*(?:code|no\.?|number|#)?\s*[#:=]?\s*([0-9o]{0,2}\d{1,2})\b/gi;

const ssprNumber = (digits: string): number => Number(digits.replace(/o/gi, '0'));
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
  for (const m of text.matchAll(SSPR_CODE)) {
    const n = ssprNumber(m[1]!);
    if (n > 0 && n < 100) add('sspr', `SSPR_${String(n).padStart(4, '0')}`, m.index);
  }
  for (const m of text.matchAll(BARE_SSPR_CODE)) {
    const digits = m[1]!;
    const n = ssprNumber(digits);
    if (/^[0o]{2}/i.test(digits) || known.ssprNumbers.has(n)) add('sspr', `SSPR_${String(n).padStart(4, '0')}`, m.index);
  }
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
