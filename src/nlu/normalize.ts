/**
 * Text clean-up before tokenising: one spelling for the many ways people name the same thing.
 * Pure string work; the classifier and the code extractor both start here.
 */

/** Longest text we look at; the rest of a pasted wall of text adds noise, not meaning. */
export const MAX_CLASSIFIED_CHARS = 4000;

// Order matters: multi-word names first, then single words.
const PHRASES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(?:microsoft\s+)?(?:azure\s+(?:ad|active\s+directory)|entra(?:\s+id)?|aad|ad)\s*-?\s*connect(?:\s+sync)?\b/g, ' aadconnect '],
  [/\baad\s*c\b|\baadc\b|\badconnect\b|\baadconnect\b/g, ' aadconnect '],
  [/\bazure\s+(?:ad|active\s+directory)\b|\bentra\s+id\b|\bmicrosoft\s+entra\b/g, ' azuread '],
  [/\bactive\s+directory\b/g, ' ad '],
  [/\bself[\s-]*service\s+password\s+reset\b/g, ' sspr '],
  [/\bpass\s*word\b|\bpass\s+wrd\b/g, ' password '],
  [/\b(?:text|txt)\s+messages?\b|\btexts?\b|\btxts?\b|\bsms(?:es)?\b/g, ' sms '],
  [/\bphone\s+calls?\b|\bvoice\s+calls?\b/g, ' call '],
  [/\bauthenticator(?:\s+app)?\b|\bmfa\s+app\b|\bpush\s+notifications?\b/g, ' authenticator '],
  [/\bsecurity\s+questions?\b|\bsecret\s+questions?\b/g, ' securityquestion '],
  [
    /\bsecurity\s+info(?:rmation)?\b|\bcontact\s+(?:info|information|data|methods?)\b|\bauthentication\s+(?:info|information|data|methods?)\b/g,
    ' securityinfo ',
  ],
  [/\be[\s-]?mails?\b|\bmails?\b/g, ' email '],
  [/\blocked[\s-]*out\b|\block[\s-]*out\b|\blockout\b/g, ' locked '],
  [/\bservice\s*bus\b/g, ' servicebus '],
  [/\bwrite[\s-]+back\b/g, ' writeback '],
  [/\bevent\s+viewer\b|\bevent\s+logs?\b|\bapplication\s+logs?\b/g, ' eventlog '],
  [/\b(?:too|2)\s+many\s+(?:times|attempts|atempts|tries|goes)\b|\b(?:too|2)\s+many\b/g, ' toomany '],
  // The AD account option, not a password that expired.
  [/\bpassword\s+never\s+expires?\b/g, ' pwdneverexpires '],
  [/\bon[\s-]*prem(?:ise|ises|isses)?\b|\bon[\s-]*site\b|\bin[\s-]*house\b/g, ' onprem '],
  [/\bself[\s-]*service\b(?!\s+password\s+reset)/g, ' selfservice '],
  [/\blogged[\s-]*(?:in|on)\b|\bsign[\s-]*in\b|\blog[\s-]*in\b|\blogon\b|\blog\s+on\b/g, ' signin '],
];

// Single words whose meaning the catalog spells one way.
const WORDS: Readonly<Record<string, string>> = {
  pw: 'password',
  pwd: 'password',
  passwd: 'password',
  pword: 'password',
  passwort: 'password',
  passowrd: 'password',
  pasword: 'password',
  paswd: 'password',
  administrator: 'admin',
  administrators: 'admin',
  admins: 'admin',
  sysadmin: 'admin',
  helpdesk: 'admin',
  blocked: 'locked',
  block: 'locked',
  blocking: 'locked',
  lock: 'locked',
  locks: 'locked',
  cellphone: 'phone',
  cell: 'phone',
  mobile: 'phone',
  smartphone: 'phone',
  recieve: 'receive',
  recieved: 'received',
  recieving: 'receiving',
  arrive: 'receive',
  arrives: 'receive',
  arrived: 'received',
  arriving: 'receiving',
  get: 'receive',
  gets: 'receive',
  getting: 'receiving',
  got: 'received',
  come: 'receive',
  comes: 'receive',
  came: 'received',
  coming: 'receiving',
  forgot: 'forget',
  forgotten: 'forget',
  forgetting: 'forget',
  cant: 'cannot',
  cannot: 'cannot',
  unable: 'cannot',
  couldnt: 'cannot',
  wont: 'cannot',
  dont: 'not',
  doesnt: 'not',
  didnt: 'not',
  isnt: 'not',
  arent: 'not',
  wasnt: 'not',
  havent: 'not',
  hasnt: 'not',
  nothing: 'not',
  licence: 'license',
  licences: 'licenses',
  licensed: 'license',
  unlicensed: 'unlicensed',
  o365: 'office365',
  m365: 'office365',
  office365: 'office365',
  msol: 'azuread',
  aad: 'azuread',
  otp: 'code',
  pin: 'code',
  passcode: 'code',
  '2fa': 'mfa',
  // Chat shorthand.
  grp: 'group',
  grps: 'groups',
  acct: 'account',
  accnt: 'account',
  usr: 'user',
  usrs: 'users',
  kno: 'know',
  neva: 'never',
  rset: 'reset',
  sez: 'says',
  msg: 'message',
  evt: 'event',
  pls: 'please',
  plz: 'please',
  thx: 'thanks',
  u: 'you',
  ur: 'your',
  r: 'are',
  b4: 'before',
  txt: 'sms',
  tmp: 'temporary',
  temp: 'temporary',
  config: 'configuration',
  cfg: 'configuration',
  perms: 'permissions',
  permisn: 'permission',
  perm: 'permission',
  firewall: 'firewall',
  proxy: 'proxy',
  reg: 'register',
  registration: 'register',
  registering: 'register',
  registered: 'register',
  enroll: 'register',
  enrol: 'register',
  enrolled: 'register',
  setup: 'register',
};

/** Lower-cases, folds accents, quotes and apostrophes, expands the names above. */
export function normalizeText(raw: string): string {
  let text = raw
    .slice(0, MAX_CLASSIFIED_CHARS)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    // "IT" in capitals is the IT department; in lower case it is the pronoun.
    .replace(/\bIT\b/g, ' admin ')
    .toLowerCase()
    .replace(/[\u2018\u2019'`´]/g, '')
    .replace(/[^\p{L}\p{N}_=.@+\s-]/gu, ' ');
  for (const [pattern, replacement] of PHRASES) text = text.replace(pattern, replacement);
  return text
    .split(/\s+/)
    .map((word) => WORDS[word] ?? word)
    .join(' ')
    .trim();
}
