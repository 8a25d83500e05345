/**
 * Teams may deliver a pasted message as HTML ("<p>Log Name: Application</p><p>Source: …"), with the paste's own
 * angle brackets escaped (&lt;Event …&gt;). This turns such text back into the lines that were pasted.
 */
const HTML_LINE_BREAKS = /<br\s*\/?>|<\/(?:p|div|li|tr|h\d)>/gi;
const HTML_TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/gi;
const LOOKS_LIKE_HTML = /<(?:p|br|div|span)\b[^>]*>/i;

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Plain text for a message that is HTML; any other text unchanged. */
export function htmlToText(text: string): string {
  if (!LOOKS_LIKE_HTML.test(text)) return text;
  return decodeEntities(text.replace(HTML_LINE_BREAKS, '\n').replace(HTML_TAG, ''));
}
