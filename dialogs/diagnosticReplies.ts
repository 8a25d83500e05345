import type { Activity } from 'botbuilder';
import { checkPhoneNumber, formatLocal, maskPhoneNumber, parseLastAttempt, retryTime } from '../src/extractors/index.js';
import { fill, type Messages } from '../src/render/index.js';

/** The topic whose answer comes with the throttle clock. */
export const THROTTLED_TOPIC = 'reset-throttled';

/** The throttle clock's answer for what the person said, or undefined when they gave no time. */
export function throttleReply(messages: Messages, texts: readonly string[], activity: Partial<Activity>, now = new Date()): string | undefined {
  const zone = activity.localTimezone ?? undefined;
  let last: Date | undefined;
  // The newest message that names a time wins.
  for (const text of [...texts].reverse()) {
    last = parseLastAttempt(text, now, zone);
    if (last) break;
  }
  if (!last) return undefined;
  const retry = retryTime(last);
  const values = { last: formatLocal(last, zone), retry: formatLocal(retry, zone) };
  return fill(retry.getTime() <= now.getTime() ? messages.throttle.now : messages.throttle.answer, values);
}

/** What is wrong with a phone number and its corrected form; the number itself only masked. */
export function phoneReply(messages: Messages, number: string): string {
  const texts = messages.phoneCheck;
  const check = checkPhoneNumber(number);
  const lines = [fill(texts.intro, { masked: maskPhoneNumber(number) })];
  if (check.problems.length === 0 && check.corrected) {
    lines.push(fill(texts.fine, { corrected: check.corrected }));
  } else {
    for (const problem of check.problems) lines.push(texts[problem]);
    if (check.corrected) lines.push(fill(texts.corrected, { corrected: check.corrected }));
  }
  lines.push(texts.notKept);
  return lines.join('\n\n');
}
