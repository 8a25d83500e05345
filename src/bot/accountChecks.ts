import type { Activity, MessagingExtensionAction, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { AccountFactsForTurn, AccountFactsPort } from '../../dialogs/ports.js';
// Not the graph folder's index: that loads the token library, which a bot without Graph settings never needs.
import type { AccountFactsSource } from '../graph/accountFacts.js';
import { parseCheckRequest, targetFromObjectId } from '../graph/checkRequest.js';
import { GRAPH_MESSAGES } from '../graph/messages.js';
import { checkForTurn, factsForTurn, type CheckReply, type TurnClock, type TurnFacts } from '../graph/turnFacts.js';
import type { Catalog } from '../knowledge/index.js';
import type { Replies } from '../render/index.js';

export interface AccountChecksDeps {
  /** Undefined without Graph settings: then nothing is looked up (and the token library is never loaded). */
  readonly source?: AccountFactsSource;
  readonly replies: Replies;
  readonly catalog: Catalog;
  /** Whether "I couldn't check your account right now" was said in this conversation (a flag, never a fact). */
  readonly noticeSaid: StatePropertyAccessor<boolean>;
  readonly now?: () => Date;
}

/** Where a turn keeps its pending look-up: turn state lives for one turn and is never stored. */
const TURN_FACTS = Symbol('accountFacts');

/**
 * The Microsoft Graph account facts in the conversation: the asking user's facts for each turn (started when the
 * turn starts, awaited by the diagnosis through the dialogs' port), and an agent's "check alex@contoso.com" in a
 * chat or from the message extension. Facts stay in turn state and in the source's short-lived memory only.
 */
export class AccountChecks {
  constructor(private readonly deps: AccountChecksDeps) {}

  private clockOf(context: TurnContext): TurnClock {
    const zone = context.activity.localTimezone;
    return { now: this.deps.now?.() ?? new Date(), ...(zone ? { timeZone: zone } : {}) };
  }

  /**
   * Starts looking up the asking user's facts, to run while the turn is read. Only in a personal chat: in a channel or
   * group chat the writer is an agent talking about someone else, whose problem the agent's own account says nothing
   * about. A look-up the turn then does not need is left to finish on its own: it never throws, takes at most the
   * budget, and its facts serve the next turn from memory.
   */
  startFacts(context: TurnContext, raw: string): void {
    const { activity } = context;
    const kind = activity.conversation?.conversationType;
    const { source } = this.deps;
    if (!source?.enabled || kind === 'channel' || kind === 'groupChat') return;
    // An agent's "check someone" is about the other account: theirs is not needed.
    if (parseCheckRequest(raw)) return;
    // factsForTurn never throws; should that ever break, a look-up nobody awaits must still not end the process.
    const pending = factsForTurn(source, activity.from?.aadObjectId, this.clockOf(context)).catch((): TurnFacts => ({}));
    context.turnState.set(TURN_FACTS, pending);
  }

  /** The dialogs' port: the advice, or the notice once per conversation; undefined when Graph is off. */
  readonly port: AccountFactsPort = async (context: TurnContext): Promise<AccountFactsForTurn | undefined> => {
    const pending = context.turnState.get(TURN_FACTS) as Promise<TurnFacts> | undefined;
    if (!pending) return undefined;
    const facts = await pending;
    if (facts.advice) return { advice: facts.advice };
    if (!facts.notice || (await this.deps.noticeSaid.get(context, false))) return undefined;
    await this.deps.noticeSaid.set(context, true);
    return { notice: facts.notice };
  };

  /** Answers "check alex@contoso.com" (true), or leaves the message to the conversation (false). */
  async answerCheck(context: TurnContext, text: string): Promise<boolean> {
    const { from } = context.activity;
    const requester = { ...(from?.id && { id: from.id }), ...(from?.aadObjectId && { aadObjectId: from.aadObjectId }) };
    const { source } = this.deps;
    if (!source) {
      if (!parseCheckRequest(text)) return false;
      await context.sendActivity(this.deps.replies.text(GRAPH_MESSAGES.notConfigured));
      return true;
    }
    const reply = await checkForTurn(source, requester, text, this.clockOf(context));
    if (!reply) return false;
    await context.sendActivity(this.checkReply(reply));
    return true;
  }

  /** The facts about a message's author, for an agent's "Diagnose with the password bot"; undefined for anyone else. */
  async checkAuthor(context: TurnContext, action: MessagingExtensionAction): Promise<Extract<CheckReply, { kind: 'facts' }> | undefined> {
    const { source } = this.deps;
    const target = targetFromObjectId(action.messagePayload?.from?.user?.id);
    if (!source?.enabled || !target) return undefined;
    const { from } = context.activity;
    const requester = { ...(from?.id && { id: from.id }), ...(from?.aadObjectId && { aadObjectId: from.aadObjectId }) };
    const reply = await checkForTurn(source, requester, target, this.clockOf(context));
    // Someone who is not an agent asked for a diagnosis, not for a check: they get it without the facts.
    return reply?.kind === 'facts' ? reply : undefined;
  }

  private checkReply(reply: CheckReply): Partial<Activity> {
    const { replies, catalog } = this.deps;
    if (reply.kind === 'message') return replies.text(reply.message);
    const topic = reply.likelyTopicId === undefined ? undefined : catalog.topic(reply.likelyTopicId);
    if (!topic) return replies.accountCheck(reply.advice.section);
    return { ...replies.resolution(topic, 'admin', false, reply.advice.section), text: replies.messages.accountCheck.likely };
  }
}
