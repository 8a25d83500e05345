import { formatLocal, parseLastAttempt, retryTime, reviewPhoneNumber } from '../extractors/index.js';
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

/** What is wrong with a phone number and the form it should have; the number only ever shown masked. */
export function phoneReply(messages: Messages, number: string): string {
  const texts = messages.phoneCheck;
  const review = reviewPhoneNumber(number);
  const lines = [fill(texts.intro, { masked: review.shown })];
  if (review.problems.length === 0 && review.correctedShown) {
    lines.push(fill(texts.fine, { corrected: review.correctedShown }));
  } else {
    for (const problem of review.problems) lines.push(texts[problem]);
    if (review.correctedShown) lines.push(fill(texts.corrected, { corrected: review.correctedShown }));
  }
  lines.push(texts.notKept);
  return lines.join('\n\n');
}
