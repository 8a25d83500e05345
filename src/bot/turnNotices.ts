import type { TurnContext } from 'botbuilder';
import { analyzeEvents, buildTimelineCardData } from '../extractors/index.js';
import type { Catalog } from '../knowledge/index.js';
import { phoneReply, type Replies } from '../render/index.js';
import type { TurnInput } from '../turn/index.js';

/**
 * What the bot says about the message itself before any diagnosis: a password warning, the phone number check,
 * that a long message was cut. Returns true when the message was a pasted event log, which its timeline answers.
 */
export async function sendTurnNotices(context: TurnContext, turn: TurnInput, replies: Replies, catalog: Catalog): Promise<boolean> {
  const { messages } = replies;
  if (turn.hadPassword) await context.sendActivity(replies.text(messages.passwordWarning));
  if (turn.events.length > 0) {
    // A pasted event log gets its timeline and root cause, whatever the conversation was doing.
    await context.sendActivity(replies.timeline(buildTimelineCardData(analyzeEvents(turn.events, catalog), catalog)));
    return true;
  }
  if (turn.phone) await context.sendActivity(replies.text(phoneReply(messages, turn.phone)));
  if (turn.truncated) await context.sendActivity(replies.text(messages.tooLong));
  return false;
}
