import { checkPhoneNumber, formatLocal, maskPhoneNumber, parseLastAttempt, retryTime } from '../extractors/index.js';
import { fill, type Messages } from './messages.js';

/**
 * The throttle clock's sentence for what the person said, or undefined when they gave no time. The newest text that
 * names a time wins; times are shown in the person's zone (Teams sends it with every message).
 */
export function throttleReply(messages: Messages, texts: readonly string[], zone: string | undefined, now = new Date()): string | undefined {
  let last: Date | undefined;
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
