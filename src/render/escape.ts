/**
 * Card data is plain text, but TextBlock text and FactSet titles and values are read as markdown (and scanned for
 * {{DATE()}} / {{TIME()}} functions) by the Teams renderer. These helpers make plain text display as typed.
 */

/** Characters that start inline markdown anywhere in a line: escapes, code, emphasis, links and images, HTML. */
const INLINE_SPECIAL = /[\\`*[\]<~]/g;
/** `_` opens emphasis only at a word edge; inside a word (SSPR_0013) it is inert, so it keeps its look. */
const EDGE_UNDERSCORE = /(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;
/** `&amp;`, `&#60;` and friends would be decoded. */
const ENTITY_START = /&(?=#?[a-z0-9]+;)/gi;
/** Indentation (a code block from four spaces on) and block markers only count at the start of a line. */
const LINE_START = /^[ \t]*(?:([#>+=|-])|(\d+)([.)]))?/gm;
/** Teams replaces {{DATE(...)}} and {{TIME(...)}} in TextBlocks; a zero-width space between the braces stops it. */
const DOUBLE_BRACE = /\{\{/g;
const ZERO_WIDTH_SPACE = '\u200B';
/**
 * Bidirectional controls: embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), the left-to-right
 * and right-to-left marks (U+200E, U+200F) and the Arabic letter mark (U+061C). Pasted into a card they can reorder
 * what the reader sees ("Trojan Source"): a file name or a link text that displays differently from what it is.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** The text without bidirectional control characters; every other character is kept. */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** Escapes plain text for a TextBlock or a Fact so that it renders literally (CommonMark backslash escapes). */
export function escapeMarkdown(text: string): string {
  return stripBidiControls(text)
    .replace(INLINE_SPECIAL, '\\$&')
    .replace(EDGE_UNDERSCORE, '\\_')
    .replace(ENTITY_START, '\\&')
    .replace(DOUBLE_BRACE, `{${ZERO_WIDTH_SPACE}{`)
    .replace(LINE_START, (_match, marker?: string, digits?: string, delimiter?: string) => {
      if (marker !== undefined) return `\\${marker}`;
      if (digits !== undefined && delimiter !== undefined) return `${digits}\\${delimiter}`;
      return '';
    });
}

/**
 * Cuts text to at most `maxChars` characters (code points), ending a cut text with "…". Bidi controls are dropped
 * first: this is the path of raw text into button titles and postback data.
 */
export function limitText(text: string, maxChars: number): string {
  const clean = stripBidiControls(text);
  const chars = Array.from(clean);
  if (chars.length <= maxChars) return clean;
  return `${chars.slice(0, Math.max(0, maxChars - 1)).join('')}…`;
}

/**
 * The URL if it is an absolute http(s) URL, otherwise '' (the card then leaves the link out). A URL holding a bidi
 * control is refused rather than cleaned: it was made to look like another address.
 */
export function safeUrl(url: string): string {
  if (stripBidiControls(url) !== url || !URL.canParse(url)) return '';
  const { protocol } = new URL(url);
  return protocol === 'https:' || protocol === 'http:' ? url : '';
}
