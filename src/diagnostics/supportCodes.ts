/** Support codes as the troubleshooting docs describe them: a GUID from the Support code link, or SID and CID (F12). */
const GUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i;
const SID = /\bsid\s*[:=]?\s*["']?([0-9a-z-]{8,})/i;
const CID = /\bcid\s*[:=]?\s*["']?([0-9a-z-]{8,})/i;

export type SupportCode = { readonly kind: 'guid'; readonly guid: string } | { readonly kind: 'sid-cid'; readonly sid: string; readonly cid: string };

/** The first support code in a text, if any. */
export function findSupportCode(text: string): SupportCode | undefined {
  const sid = SID.exec(text)?.[1];
  const cid = CID.exec(text)?.[1];
  if (sid && cid) return { kind: 'sid-cid', sid, cid };
  const guid = GUID.exec(text)?.[0];
  return guid ? { kind: 'guid', guid: guid.toLowerCase() } : undefined;
}

export function formatSupportCode(code: SupportCode): string {
  return code.kind === 'guid' ? code.guid : `SID ${code.sid}, CID ${code.cid}`;
}
