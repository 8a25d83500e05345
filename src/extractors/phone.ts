/**
 * Phone numbers as SSPR needs them: "+ccc xxxyyyzzzz" (a plus, the country calling code, one space, the national
 * significant number without spaces), never with an extension, which SSPR strips before dialling. Uses the full
 * ("max") metadata that ships inside libphonenumber-js: nothing is downloaded.
 *
 * Privacy: these functions only return values. Never log or store a number; echo it only through maskPhoneNumber.
 */
import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';

export type { CountryCode };

/**
 * - missing-country-code: the number does not start with "+" (or the international prefix "00").
 * - has-extension: it carries an extension ("ext 22", "x22", "#22", the docs' "X1234"); SSPR cannot dial it.
 * - invalid: libphonenumber's metadata says no such number exists (wrong length or range for the country).
 * - wrong-format: it has a country code and a plausible length, but the text (without its extension) differs from
 *   `corrected`: spaces, dashes, dots or brackets in the number, "00" instead of "+", a trunk "0" after the code.
 */
export type PhoneProblem = 'missing-country-code' | 'has-extension' | 'invalid' | 'wrong-format';

export interface PhoneCheck {
  /** The number exists per the metadata (a country code was given, or derived from defaultCountry). */
  readonly valid: boolean;
  /** In the order of PhoneProblem; empty when the text is exactly the required form of a valid number. */
  readonly problems: readonly PhoneProblem[];
  /** "+44 2079460958": present when the country code is known and the length is possible for it. */
  readonly corrected?: string;
  readonly extension?: string;
  /** ISO 3166-1 alpha-2 ("GB"); absent for non-geographic codes (+800) or unassigned ranges. */
  readonly country?: string;
}

const MAX_INPUT_CHARS = 64;
/** Fewer digits than this is not a phone number at all (the shortest national numbers have 5 or 6). */
const MIN_DIGITS = 5;
/** "ext 22", "ext. 22", "extension 22", "x22", "X1234" (the docs' "Xeeee"), "#22", optionally after "," or ";". */
const EXTENSION = /[ \t]*[,;]?[ \t]*(?:extension|ext\.?|x|#)[ \t]*:?[ \t]*(\d{1,7})[ \t]*#?$/i;
const INTERNATIONAL = /^\(?[ \t]*(?:\+|00(?=[ \t]*[1-9]))/;

function splitExtension(text: string): { readonly base: string; readonly extension?: string } {
  const m = EXTENSION.exec(text);
  if (!m || m.index === 0) return { base: text };
  return { base: text.slice(0, m.index).trim(), extension: m[1]! };
}

/** "00 44 20…" and "(+44) 20…" read as "+44 20…", so that no default country is needed. */
function toParseable(base: string): string {
  return base.replace(INTERNATIONAL, '+');
}

function parse(base: string, international: boolean, defaultCountry: CountryCode | undefined): PhoneNumber | undefined {
  if (!international && defaultCountry === undefined) return undefined;
  try {
    return parsePhoneNumberFromString(toParseable(base), international ? undefined : defaultCountry);
  } catch {
    return undefined;
  }
}

const requiredForm = (phone: PhoneNumber): string => `+${phone.countryCallingCode} ${phone.nationalNumber}`;

/**
 * Checks a number against the format SSPR requires. `defaultCountry` (e.g. from the tenant's country) lets a number
 * without a country code still be validated and corrected; it is still reported as missing-country-code.
 */
export function checkPhoneNumber(raw: string, defaultCountry?: CountryCode): PhoneCheck {
  const text = raw.trim().slice(0, MAX_INPUT_CHARS);
  const split = splitExtension(text);
  const international = INTERNATIONAL.test(split.base);
  const phone = parse(split.base, international, defaultCountry);
  const extension = split.extension ?? phone?.ext;
  const valid = phone?.isValid() ?? false;
  const corrected = phone?.isPossible() ? requiredForm(phone) : undefined;

  const problems: PhoneProblem[] = [];
  if (split.base.replace(/\D/g, '').length < MIN_DIGITS) {
    return { valid: false, problems: extension === undefined ? ['invalid'] : ['has-extension', 'invalid'] };
  }
  if (!international) problems.push('missing-country-code');
  if (extension !== undefined) problems.push('has-extension');
  if (!valid && (international || defaultCountry !== undefined)) problems.push('invalid');
  if (international && corrected !== undefined && split.base !== corrected) problems.push('wrong-format');
  return {
    valid,
    problems,
    ...(corrected !== undefined && { corrected }),
    ...(extension !== undefined && { extension }),
    ...(phone?.country !== undefined && { country: phone.country }),
  };
}

/**
 * A phone-number-like run in free text: an optional "+" or "00", 7 to 15 digits grouped with spaces, dashes, dots,
 * slashes or brackets, and an optional extension. Not inside a word, GUID or code (SSPR_0013, hr=80230402), and not
 * a date, time, IP address or a list of event ids.
 */
const CANDIDATE =
  /(?<![\p{L}\p{N}_.+/=:-])(?:\+|\b00)?[ \t]*\(?[ \t]*\d[\d \t()./-]{5,24}\d\)?(?:[ \t]*[,;]?[ \t]*(?:extension|ext\.?|x|#)[ \t]*:?[ \t]*\d{1,7})?(?![\p{L}\p{N}_/:-]|\.\d)/giu;
const WHOLE_DATE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})(?:[ \t]+\d{1,2})?$/;
const IP_ADDRESS = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const EVENT_IDS = /^(?:3[123]\d{3}|6[38]\d{2})(?:[ \t]+(?:3[123]\d{3}|6[38]\d{2}))+$/;
const HRESULT = /^80\d{6}$/;

function isPhoneLike(candidate: string): boolean {
  const { base } = splitExtension(candidate);
  const digits = base.replace(/\D/g, '').length;
  if (digits < 7 || digits > 15) return false;
  return !WHOLE_DATE.test(base) && !IP_ADDRESS.test(base) && !EVENT_IDS.test(base) && !HRESULT.test(base);
}

/** A phone number found in free text: the substring as written and where it starts. */
export interface FoundPhoneNumber {
  readonly text: string;
  readonly index: number;
}

/** Past this a message is not scanned for numbers (a chat message is far shorter; a paste is not a phone number). */
const MAX_SCAN_CHARS = 16 * 1024;

/** Every phone-number-like substring of a chat message, trimmed, in order. */
export function findPhoneNumbers(text: string): FoundPhoneNumber[] {
  if (typeof text !== 'string') return [];
  const found: FoundPhoneNumber[] = [];
  for (const m of text.slice(0, MAX_SCAN_CHARS).matchAll(CANDIDATE)) {
    const candidate = bestReading(m[0].trim());
    if (candidate !== undefined) found.push({ text: candidate, index: m.index + m[0].indexOf(candidate) });
  }
  return found;
}

/** Whether an international number's digits have a possible length for its country code. */
function isPossibleInternational(candidate: string): boolean {
  const { base } = splitExtension(candidate);
  return INTERNATIONAL.test(base) && (parse(base, true, undefined)?.isPossible() ?? false);
}

/**
 * The number in a candidate run: the whole run, or, when a code or event id follows the number ("+1 425 555 0100
 * 31001"), the longest leading part whose length is possible for its country. A run no part of which is possible
 * is still a phone number if it is shaped like one (an invalid number is masked like any other).
 */
function bestReading(candidate: string): string | undefined {
  const readings = [candidate];
  for (const m of candidate.matchAll(/[ \t]+/g)) readings.push(candidate.slice(0, m.index));
  readings.sort((a, b) => b.length - a.length);
  const shaped = readings.filter(isPhoneLike);
  return shaped.find(isPossibleInternational) ?? shaped.find((r) => !INTERNATIONAL.test(r)) ?? shaped[0];
}

/** The first phone-number-like substring of a chat message, trimmed, or undefined. */
export function findPhoneNumber(text: string): string | undefined {
  return findPhoneNumbers(text.slice(0, 4096))[0]?.text;
}

const MASK = '•';
/** Digits left visible at the end. */
const VISIBLE_DIGITS = 2;

function maskDigits(text: string): string {
  const total = text.replace(/\D/g, '').length;
  let seen = 0;
  return text.replace(/\d/g, (digit) => (++seen > total - VISIBLE_DIGITS && total > 4 ? digit : MASK));
}

/**
 * The number with every digit but the last two hidden, its extension dropped: "+1 425 555 0100 ext 22" becomes
 * "+1 ••• ••• ••00". The country code stays visible when there is one; the grouping is the international one.
 */
export function maskPhoneNumber(raw: string, defaultCountry?: CountryCode): string {
  const { base } = splitExtension(raw.trim().slice(0, MAX_INPUT_CHARS));
  const international = INTERNATIONAL.test(base);
  const phone = parse(base, international, defaultCountry);
  if (phone?.isPossible()) {
    const code = `+${phone.countryCallingCode}`;
    const grouped = phone.formatInternational().slice(code.length);
    return `${code}${maskDigits(grouped)}`;
  }
  return maskDigits(base.replace(/[^\d+ ()./-]/g, ''));
}

/**
 * The text with every phone number in it masked as maskPhoneNumber does ("+1 ••• ••• ••00"): what may be stored or
 * logged. Event ids, codes, times, dates, GUIDs and IP addresses are left as written.
 */
export function maskPhoneNumbers(text: string, defaultCountry?: CountryCode): string {
  if (typeof text !== 'string') return '';
  let masked = '';
  let at = 0;
  for (const found of findPhoneNumbers(text)) {
    masked += text.slice(at, found.index) + maskPhoneNumber(found.text, defaultCountry);
    at = found.index + found.text.length;
  }
  if (text.length <= MAX_SCAN_CHARS) return masked + text.slice(at);
  // Past the scanned part nothing is read closely, so every long run of digits is hidden: nothing slips through.
  return masked + text.slice(at, MAX_SCAN_CHARS) + text.slice(Math.max(at, MAX_SCAN_CHARS)).replace(LONG_DIGIT_RUN, (run) => run.replace(/\d/g, MASK));
}

const LONG_DIGIT_RUN = /\d[\d \t()./-]{5,}\d/g;

/** What a reply may say about a number: its problems and masked forms, never the digits that identify it. */
export interface PhoneReview {
  readonly valid: boolean;
  readonly problems: readonly PhoneProblem[];
  /** "+1 425 ••• 0100": the number in international grouping, its middle digits hidden. */
  readonly shown: string;
  /** "+1 425•••0100": the form SSPR requires, with the same digits hidden; absent when it cannot be corrected. */
  readonly correctedShown?: string;
  readonly hasExtension: boolean;
  readonly country?: string;
}

/** How many leading and trailing digits of a national number of `length` digits a reply may show. */
function visibleDigits(length: number, firstGroup: number): { readonly lead: number; readonly tail: number } {
  const tail = length >= 9 ? 4 : 2;
  const lead = Math.min(firstGroup, 3);
  // At least three digits stay hidden, whatever the length.
  if (length - tail - lead >= 3) return { lead, tail };
  return { lead: 0, tail: Math.min(tail, Math.max(0, length - 3)) };
}

/** Hides the national digits from position lead to length - tail, keeping every other character. */
function hideMiddle(national: string, lead: number, tail: number): string {
  const total = national.replace(/\D/g, '').length;
  let seen = 0;
  return national.replace(/\d/g, (digit) => {
    seen += 1;
    return seen <= lead || seen > total - tail ? digit : MASK;
  });
}

/**
 * checkPhoneNumber for a reply: the problems, and the number as typed and as it should be, both masked
 * ("+1 425 ••• 0100" and "+1 425•••0100"), so that the person recognises their number and sees the format.
 */
export function reviewPhoneNumber(raw: string, defaultCountry?: CountryCode): PhoneReview {
  const text = typeof raw === 'string' ? raw.trim().slice(0, MAX_INPUT_CHARS) : '';
  const check = checkPhoneNumber(text, defaultCountry);
  const { base } = splitExtension(text);
  const international = INTERNATIONAL.test(base);
  const phone = parse(base, international, defaultCountry);
  const common = {
    valid: check.valid,
    problems: check.problems,
    hasExtension: check.extension !== undefined,
    ...(check.country !== undefined && { country: check.country }),
  };
  if (!phone?.isPossible() || check.corrected === undefined) return { ...common, shown: maskPhoneNumber(text, defaultCountry) };
  const code = `+${phone.countryCallingCode}`;
  const grouped = phone.formatInternational().slice(code.length).trim();
  const { lead, tail } = visibleDigits(phone.nationalNumber.length, grouped.split(' ')[0]!.replace(/\D/g, '').length);
  return {
    ...common,
    shown: `${code} ${hideMiddle(grouped, lead, tail)}`,
    correctedShown: `${code} ${hideMiddle(phone.nationalNumber, lead, tail)}`,
  };
}
