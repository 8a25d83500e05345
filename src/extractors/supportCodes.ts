/**
 * Support codes as the troubleshooting docs describe them: the GUID behind the page's "Support code" link, or, on a
 * page without one, the SID and CID found with F12. Accepted spellings: "SID: 1234-abcd…", "sid=…", "SID - …",
 * "SID is …", `"sid":"…"`, "CID …"; the keyword must stand alone (not "side", "decide") and the value must hold a
 * digit and be at least 8 characters long.
 */
const GUID = /(?<![0-9a-f-])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-f-])/i;
const VALUE = String.raw`["'\s]*(?:[:=#-]|\bis\b)?["'\s]*([0-9a-z][0-9a-z-]{7,127})`;
const SID = new RegExp(String.raw`(?<![\p{L}\p{N}_])sid(?![\p{L}\p{N}_])${VALUE}`, 'iu');
const CID = new RegExp(String.raw`(?<![\p{L}\p{N}_])cid(?![\p{L}\p{N}_])${VALUE}`, 'iu');
const MAX_SCAN_CHARS = 10_000;

export type SupportCode = { readonly kind: 'guid'; readonly guid: string } | { readonly kind: 'sid-cid'; readonly sid: string; readonly cid: string };

/** The value after a SID or CID keyword, if it looks like an identifier (has a digit; trailing dashes cut). */
function valueAfter(pattern: RegExp, text: string): string | undefined {
  const value = pattern.exec(text)?.[1]?.replace(/-+$/, '');
  return value !== undefined && value.length >= 8 && /\d/.test(value) ? value : undefined;
}

/** The first support code in a text, if any: SID and CID together win over a GUID. */
export function findSupportCode(text: string): SupportCode | undefined {
  const scanned = text.slice(0, MAX_SCAN_CHARS);
  const sid = valueAfter(SID, scanned);
  const cid = valueAfter(CID, scanned);
  if (sid && cid) return { kind: 'sid-cid', sid, cid };
  const guid = GUID.exec(scanned)?.[0];
  return guid ? { kind: 'guid', guid: guid.toLowerCase() } : undefined;
}

export function formatSupportCode(code: SupportCode): string {
  return code.kind === 'guid' ? code.guid : `SID ${code.sid}, CID ${code.cid}`;
}
