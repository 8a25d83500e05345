import { describe, expect, it } from 'vitest';
import { escapeMarkdown, limitText, safeUrl, stripBidiControls } from '../../src/render/escape.js';
import { toMarkdownData, toPlainData } from '../../src/render/transform.js';

const CONTROLS = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];

describe('stripBidiControls', () => {
  it.each(CONTROLS.map((c) => [c.codePointAt(0)!.toString(16).toUpperCase(), c]))('removes U+%s', (_name, control) => {
    expect(stripBidiControls(`invoice${control}fdp.exe`)).toBe('invoicefdp.exe');
  });

  it('removes every control in a text, wherever it is', () => {
    expect(stripBidiControls(`\u202Eabc\u2066def\u2069\u200Fghi\u061C`)).toBe('abcdefghi');
  });

  it('keeps Arabic and Hebrew letters, emoji, the zero-width space and the zero-width joiner', () => {
    const text = 'مرحبا שלום 👩\u200D💻 a\u200Bb';
    expect(stripBidiControls(text)).toBe(text);
  });
});

describe('escaping strips bidi controls from user text', () => {
  it('escapeMarkdown drops the override that would show "exe.txt" for "txt.exe"', () => {
    expect(escapeMarkdown('report\u202Etxt.exe')).toBe('reporttxt.exe');
  });

  it('escapeMarkdown still escapes markdown after stripping', () => {
    expect(escapeMarkdown('\u2067*bold*\u2069')).toBe('\\*bold\\*');
  });

  it('limitText drops controls before counting, so they neither show nor use up the budget', () => {
    expect(limitText('\u202E\u202E\u202Eabcd', 4)).toBe('abcd');
    expect(limitText('ab\u200Fcdef', 4)).toBe('abc…');
  });

  it('safeUrl refuses a URL that carries a bidi control', () => {
    expect(safeUrl('https://learn.microsoft.com/\u202Egpj.exe')).toBe('');
    expect(safeUrl('https://learn.microsoft.com/entra/identity/authentication/')).toBe('https://learn.microsoft.com/entra/identity/authentication/');
  });

  it('no string of card data keeps a control, on the markdown path or the plain path', () => {
    const data = { title: 'a\u202Eb', items: ['c\u2066d', { text: 'e\u200Ef' }], label: 'g\u061Ch' };
    const all = JSON.stringify([toMarkdownData(data), toPlainData(data)]);
    expect(all).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/);
    expect(toMarkdownData(data)).toEqual({ title: 'ab', items: ['cd', { text: 'ef' }], label: 'gh' });
  });
});
