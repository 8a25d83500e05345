import { contentPath } from '../content.js';
import { readFileSync } from 'node:fs';
import type { WelcomeCardData } from './cardData.js';
import type { NotificationTexts } from '../proactive/notificationCards.js';

/** The bot's own sentences (cards/messages.json), read once. */
export interface Messages {
  readonly welcome: WelcomeCardData;
  readonly outOfScope: string;
  readonly greeting: string;
  readonly thanks: string;
  readonly resolvedThanks: string;
  readonly pickQuestion: string;
  readonly pickNone: string;
  readonly pickIntro: string;
  readonly runnersUpTitle: string;
  readonly humanIntro: string;
  readonly stillBrokenNoCase: string;
  readonly greetingAtPrompt: string;
  readonly thanksAtPrompt: string;
  readonly emptyMessage: string;
  readonly tooLong: string;
  readonly passwordWarning: string;
  readonly restart: string;
  readonly answerIntro: string;
  readonly answerIntroMany: string;
  readonly feedbackQuestion: string;
  readonly fixed: string;
  readonly nextCandidateIntro: string;
  readonly escalationIntro: string;
  readonly escalationInvalidSupportCode: string;
  readonly escalationDone: string;
  readonly escalationTitle: string;
  readonly escalationNextStep: Readonly<Record<'user' | 'admin' | 'microsoft-support', string>>;
  readonly unknownAction: string;
  readonly error: string;
  readonly progress: string;
  readonly notifications: NotificationTexts;
  readonly subscribe: Readonly<Record<'done' | 'already' | 'refused' | 'stopped' | 'notSubscribed' | 'unavailable' | 'failures', string>>;
  readonly notifyAdmin: Readonly<Record<'sent' | 'duplicate' | 'none', string>>;
  readonly extension: { readonly nothingFound: string; readonly unknownCommand: string };
  readonly phoneCheck: Readonly<
    Record<'intro' | 'has-extension' | 'missing-country-code' | 'invalid' | 'wrong-format' | 'corrected' | 'fine' | 'notKept', string>
  >;
  /** `account`: the time the directory says the person can try again ({retry} is "you can try again from 09:41 tomorrow"). */
  readonly throttle: Readonly<Record<'ask' | 'answer' | 'now' | 'account', string>>;
  /** An agent's check of someone's account: the likely topic's intro, or the line when nothing stands out. */
  readonly accountCheck: Readonly<Record<'likely' | 'nothingStandsOut', string>>;
}

export const DEFAULT_MESSAGES_PATH = contentPath('cards', 'messages.json');

export function loadMessages(path: string = DEFAULT_MESSAGES_PATH): Messages {
  return Object.freeze(JSON.parse(readFileSync(path, 'utf8')) as Messages);
}

/** Fills {name} placeholders. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
