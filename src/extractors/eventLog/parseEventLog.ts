import { createRequire } from 'node:module';
import type * as HtmlToText from 'html-to-text';
import { readCsvEvents, readCsvHeader, type CsvBudget } from './csvExport.js';
import { createRecordReader } from './keyValueReader.js';
import type { LogEvent } from './types.js';

/** Past this the text is cut: a chat paste of a few events is a few KB; 256 KB is far beyond any of them. */
export const MAX_INPUT_CHARS = 256 * 1024;
/** At most this many events are returned. */
export const MAX_EVENTS = 1000;
const MAX_LINE_CHARS = 8 * 1024;
/** CSV exports read per paste; past this, more headers are read as plain text. */
const MAX_EXPORTS = 16;

/** Teams may deliver a paste as HTML ("<p>Log Name: Application<br>Source: …"); plain text is left alone. */
const LOOKS_LIKE_HTML = /<(?:p|br|div|span)\b[^>]*>/i;
const BLOCK = { leadingLineBreaks: 1, trailingLineBreaks: 1 } as const;
/**
 * html-to-text is loaded and its converter built on the first HTML paste: few messages are one, and loading it
 * (17 modules, about 40 ms) is start-up time every process would otherwise pay.
 */
let htmlConverter: ((html: string) => string) | undefined;
const htmlToLines = (html: string): string => (htmlConverter ??= buildHtmlConverter())(html);

/**
 * One paragraph, div or list item is one line (the defaults put blank lines between blocks, which would end an
 * event's description); no wrapping, no link targets, headings as written.
 */
function buildHtmlConverter(): (html: string) => string {
  const { compile } = createRequire(import.meta.url)('html-to-text') as typeof HtmlToText;
  return compile({
    wordwrap: false,
    limits: { maxInputLength: MAX_INPUT_CHARS },
    selectors: [
      { selector: 'p', options: BLOCK },
      { selector: 'div', options: BLOCK },
      { selector: 'pre', options: BLOCK },
      // A list item is a line of its own, without a bullet that would hide its "Key:" from the reader.
      ...['ul', 'ol', 'li'].map((selector) => ({ selector, format: 'block', options: BLOCK })),
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { ...BLOCK, uppercase: false } })),
    ],
  });
}

function toLines(text: string): string[] {
  const capped = text.slice(0, MAX_INPUT_CHARS);
  return (LOOKS_LIKE_HTML.test(capped) ? htmlToLines(capped) : capped)
    .replace(/^\uFEFF/, '')
    .replaceAll('\u0000', '')
    .replace(/[\u00A0\u2007\u202F]/g, ' ')
    .split(/\r\n|\r|\n/)
    .map((line) => (line.length > MAX_LINE_CHARS ? line.slice(0, MAX_LINE_CHARS) : line));
}

/**
 * The events in a paste, in the order they appear: Event Viewer "Copy details as text" blocks, Get-WinEvent or
 * Get-EventLog Format-List output, and Event Viewer CSV (or tab-separated) exports, mixed with anything else, as
 * plain text or as the HTML Teams may deliver.
 * Events without a readable id are skipped. Never throws; work is linear in the (capped) input.
 */
export function parseEventLog(text: string): LogEvent[] {
  const events: LogEvent[] = [];
  try {
    const lines = toLines(typeof text === 'string' ? text : '');
    const reader = createRecordReader((event) => events.push(event));
    const csvBudget: CsvBudget = { chars: 4 * MAX_INPUT_CHARS, exports: MAX_EXPORTS };
    let i = 0;
    while (i < lines.length && events.length < MAX_EVENTS) {
      const header = readCsvHeader(lines[i]!);
      if (!header) {
        reader.push(lines[i]!);
        i++;
        continue;
      }
      reader.end();
      const csv = readCsvEvents(lines, i, header, csvBudget);
      events.push(...csv.events);
      i = Math.max(csv.next, i + 1);
    }
    reader.end();
  } catch {
    // A reader bug must not take the conversation down: return what was read so far.
  }
  return events.slice(0, MAX_EVENTS);
}
