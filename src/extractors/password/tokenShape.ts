/**
 * Is one whitespace-free token shaped like a password? The bar is Entra ID's own complexity rule (at least 8
 * characters from 3 of the 4 kinds: upper case, lower case, digits, symbols), so that a password the service would
 * accept is caught, minus the technical tokens that share the shape: addresses, links, host names, file names,
 * versions, GUIDs and hex, error and ticket codes, paths, times, phone numbers and product names.
 */

const LOWER = /\p{Ll}/u;
const UPPER = /\p{Lu}/u;
const DIGIT = /\p{N}/u;
const SYMBOL = /[^\p{L}\p{N}]/u;
const LETTERS = /\p{L}/gu;

/** How many of the four kinds of character the token uses. */
export function characterKinds(token: string): number {
  return [LOWER, UPPER, DIGIT, SYMBOL].filter((kind) => kind.test(token)).length;
}

const letterCount = (token: string): number => token.match(LETTERS)?.length ?? 0;

/**
 * Entra ID passwords are at most 256 characters; a longer token is something else. The cap also keeps every pattern
 * below linear in the token, whatever a hostile message holds.
 */
export const MAX_PASSWORD_CHARS = 256;

const KNOWN_TLDS = new Set(['com', 'net', 'org', 'edu', 'gov', 'mil', 'int', 'io', 'ms', 'local', 'corp', 'lan', 'info', 'biz', 'cloud', 'microsoft']);
const FILE_EXTENSION = /\.(?:xlsx?|docx?|pptx?|pdf|txt|csv|json|xml|config|ini|log|evtx|exe|dll|msi|ps1|psm1|cpp|cs|js|ts|zip|png|jpe?g|gif|html?|md)$/i;
const EMAIL = /^[^@\s]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}$/u;
const URL_START = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)/i;
const VERSION = /^v?\d+(?:\.\d+)+(?:[-+][\p{L}\p{N}.]+)?$/iu;
const HEX = /^(?:0x)?[0-9a-f]{8,}$/i;
const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const HEX_LITERAL = /0x[0-9a-f]{4,}/i;
/** "MMS(4924)", "admaexport.cpp(2862)": a source reference in a sync error. */
const SOURCE_REFERENCE = /\(\d+\)$/;
const PATH = /^(?:[a-z]:[\\/]|\\\\|\/[\w.-]+\/|~\/)/i;
const TIME = /^\d{1,2}[:.h]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?(?:[ap]\.?m\.?)?$/i;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const PHONE = /^\+?[\d().-]{6,}(?:x|ext\.?)\d{1,7}$/i;
const HOST_PORT = /^[\p{L}\p{N}.-]+:\d{1,5}$/u;
/** "sha256:abcd1234", "sid:0a1b2c3d": an algorithm or kind, then a hex value. */
const PREFIXED_HEX = /^[\p{L}\p{N}]+[:=][0-9a-f]{6,}$/iu;
/** "UTC+01:00", "GMT-5". */
const UTC_OFFSET = /^(?:UTC|GMT)[+-]\d{1,2}(?::?\d{2})?$/i;
/** "JohnS@contoso", "contoso\\jsmith": a sign-in name without a domain suffix, letters only. */
const SIGN_IN_NAME = /^[\p{L}.\-_]+[@\\][\p{L}.\-_]+$/u;
/** "Contoso-DC01", "Sales-EMEA-2024", "i7-1185G7": a name with an upper-case code among its parts. */
const NAME_WITH_CODE =
  /^(?=.*[-_])(?:[\p{L}\p{N}]+[-_])*[\p{Lu}]{2,}[\p{Lu}\p{N}]*(?:[-_][\p{L}\p{N}]+)*$|^(?=.*[-_])(?:[\p{L}\p{N}]+[-_])*\p{N}+\p{Lu}+\p{N}*(?:[-_][\p{L}\p{N}]+)*$/u;
/** PowerShell: "@{Key=$true}", "$env:USERNAME". */
const SCRIPT = /^@\{.*\}$|^\$[\p{L}_][\p{L}\p{N}_:]*$/u;
/** Sync connector accounts ("MSOL_ab12cd34ef56") carry a hex suffix that makes them look random. */
const SERVICE_ACCOUNT = /^(?:MSOL|AAD|ADSync|Sync)_[0-9a-f]{6,}$/i;
/** Upper case, digits and separators only: codes, ids, machine names (SSPR_0013, KB5034441, DESKTOP-4F7GH2K). */
const CODE = /^[\p{Lu}\p{N}_#./:-]+$/u;
/**
 * Letters joined by separators, no digits: compound words, namespaces, paths and directory names (Okta-to-Entra,
 * System.Diagnostics, Files\Microsoft, Smith,OU=Sales).
 */
const WORDS_AND_SEPARATORS = /^[\p{L}.\-_'’/\\=,;:&]+$/u;
/** A name with a version or model number: only when the name is a product the conversation would mention. */
const NAME_AND_NUMBER = /^(\d*)(\p{L}+)(\d*)$/u;
const PRODUCTS = new Set([
  'windows',
  'win',
  'office',
  'server',
  'sql',
  'exchange',
  'sharepoint',
  'outlook',
  'teams',
  'azure',
  'entra',
  'iphone',
  'ipad',
  'ios',
  'android',
  'galaxy',
  'pixel',
  'surface',
  'macos',
  'ubuntu',
  'lastpass',
  'keepass',
  'bitwarden',
  'dashlane',
  'powershell',
  'onedrive',
  'intune',
  'defender',
  'm',
  'o',
  'e',
  'p',
  'vs',
  'visualstudio',
  'chrome',
  'edge',
  'firefox',
  'safari',
]);

function isDomainName(token: string): boolean {
  const labels = token.split('.');
  if (labels.length < 2 || labels.some((label) => !/^[\p{L}\p{N}-]+$/u.test(label))) return false;
  const tld = labels[labels.length - 1]!;
  return /^[a-z]{2,6}$/.test(tld) || KNOWN_TLDS.has(tld.toLowerCase());
}

/** Whole names that would otherwise read as "digit + word" passwords. */
const PRODUCT_TOKENS = new Set(['1password']);

/** "Win11Pro", "PowerShell7", "OneDrive4Business", "Office365ProPlus": a product, its version and its edition. */
const PRODUCT_EDITION = /^(\p{L}+)\d+\p{L}*$/u;

function isProductName(token: string): boolean {
  if (PRODUCT_TOKENS.has(token.toLowerCase())) return true;
  const edition = PRODUCT_EDITION.exec(token);
  if (edition && PRODUCTS.has(edition[1]!.toLowerCase())) return true;
  const m = NAME_AND_NUMBER.exec(token);
  if (!m || (m[1] === '' && m[3] === '')) return false;
  return PRODUCTS.has(m[2]!.toLowerCase());
}

/** A token with a password's mix of characters that is something else. */
export function isTechnicalToken(token: string): boolean {
  return (
    EMAIL.test(token) ||
    isDomainName(token) ||
    FILE_EXTENSION.test(token) ||
    VERSION.test(token) ||
    HEX.test(token) ||
    GUID.test(token) ||
    HEX_LITERAL.test(token) ||
    SOURCE_REFERENCE.test(token) ||
    PATH.test(token) ||
    TIME.test(token) ||
    ISO_TIME.test(token) ||
    PHONE.test(token) ||
    HOST_PORT.test(token) ||
    PREFIXED_HEX.test(token) ||
    UTC_OFFSET.test(token) ||
    SIGN_IN_NAME.test(token) ||
    NAME_WITH_CODE.test(token) ||
    SCRIPT.test(token) ||
    SERVICE_ACCOUNT.test(token) ||
    CODE.test(token) ||
    WORDS_AND_SEPARATORS.test(token) ||
    isProductName(token)
  );
}

/** Characters that real links do not carry but passwords do; parentheses and "~" are left out on purpose. */
const ODD_IN_URL = /[!$*^|{}\\`<>"']/;

/**
 * A link that is really a password ("https://x.y/Pw!9a"): a host whose top-level label is a single character, or
 * a path with characters links do not use.
 */
function isPasswordLikeUrl(token: string): boolean {
  const rest = token.replace(URL_START, '');
  const slash = rest.indexOf('/');
  const host = slash < 0 ? rest : rest.slice(0, slash);
  const tld = host.split('.').pop() ?? '';
  return /^\p{L}$/u.test(tld) || ODD_IN_URL.test(rest);
}

/** Digits between letters ("p4ssw0rd", "s3cur1ty"): leetspeak or a random string, not a word or a code. */
const INTERLEAVED = /\p{L}\p{N}+\p{L}/u;

const FIELDS = /^(?:[\p{L}_][\p{L}\p{N}_.-]*=[^=;,&]*)(?:[;,&][\p{L}_][\p{L}\p{N}_.-]*=[^=;,&]*)*$/u;

/** Password-shaped with no other clue: Entra's complexity bar, or leetspeak, and not a technical token. */
/** The stems of the passwords people choose most often: with a digit or a symbol they are passwords, codes or not. */
const COMMON_STEM = /pass(?:word|w0rd|wort)|p[@4]ss(?:w[o0]rd)?|qwerty|letmein|welcome|iloveyou|sunshine|monkey|dragon|trustno/i;
const DIGIT_OR_STRONG_SYMBOL = /\p{N}|[^\p{L}\p{N}.\-_'’]/u;

function isAddressOrScript(token: string): boolean {
  return EMAIL.test(token) || isDomainName(token) || FILE_EXTENSION.test(token) || PATH.test(token) || SCRIPT.test(token) || isProductName(token);
}

export function isPasswordShaped(token: string): boolean {
  if (token.length > MAX_PASSWORD_CHARS) return false;
  if (URL_START.test(token)) return isPasswordLikeUrl(token);
  if (token.length >= 6 && COMMON_STEM.test(token) && DIGIT_OR_STRONG_SYMBOL.test(token) && !isAddressOrScript(token)) {
    return true;
  }
  if (FIELDS.test(token)) {
    // "hr=80230402", "OU=Users,DC=contoso": judge the values, not the punctuation between them.
    return token.split(/[;,&]/).some((field) => isLooselyShaped(field.slice(field.indexOf('=') + 1), 6));
  }
  const kinds = characterKinds(token);
  const minLength = kinds === 4 ? 7 : 8;
  if (token.length < minLength || letterCount(token) < 2 || isTechnicalToken(token)) return false;
  return kinds >= 3 || (INTERLEAVED.test(token) && DIGIT.test(token));
}

/**
 * Shaped enough when something in the sentence already says it is a password ("I typed hunter22"): letters with
 * digits or symbols, not a plain number, word or technical token.
 */
export function isLooselyShaped(token: string, minLength = 5): boolean {
  if (token.length > MAX_PASSWORD_CHARS) return false;
  if (token.length < minLength || letterCount(token) < 2) return false;
  if (URL_START.test(token)) return isPasswordLikeUrl(token);
  if (isTechnicalToken(token)) return false;
  return DIGIT.test(token) || /[^\p{L}\p{N}.\-_'’]/u.test(token);
}
