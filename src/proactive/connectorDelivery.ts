import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import type { Subscription } from './subscriptions.js';

/** The part of CloudAdapter the notifier needs, so tests can pass a fake. */
export interface ProactiveAdapter {
  continueConversationAsync(botAppId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

/** Posts and updates one message in a subscriber's conversation; connector errors (with statusCode) are thrown. */
export interface Delivery {
  post(subscription: Subscription, activity: Partial<Activity>): Promise<string>;
  update(subscription: Subscription, activityId: string, activity: Partial<Activity>): Promise<void>;
}

/** Delivery through the Bot Connector: a proactive turn in the subscriber's conversation. */
export class ConnectorDelivery implements Delivery {
  constructor(
    private readonly adapter: ProactiveAdapter,
    private readonly botAppId: string,
  ) {}

  async post(subscription: Subscription, activity: Partial<Activity>): Promise<string> {
    let id = '';
    await this.#inConversation(subscription, async (context) => {
      id = (await context.sendActivity(activity))?.id ?? '';
    });
    return id;
  }

  async update(subscription: Subscription, activityId: string, activity: Partial<Activity>): Promise<void> {
    await this.#inConversation(subscription, async (context) => {
      await context.updateActivity({ ...activity, id: activityId });
    });
  }

  /** Runs logic in the subscriber's conversation. The adapter would hand errors to onTurnError; we need them here. */
  async #inConversation(subscription: Subscription, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    let failure: unknown;
    await this.adapter.continueConversationAsync(this.botAppId, subscription.reference, async (context) => {
      try {
        await logic(context);
      } catch (error) {
        failure = error;
      }
    });
    if (failure !== undefined) throw failure;
  }
}
