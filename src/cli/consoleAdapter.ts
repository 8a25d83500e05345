import { ActivityTypes, BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import { randomUUID } from 'node:crypto';

/** A Bot Framework adapter whose channel is the terminal: activities in from typed lines, out to a callback. */
export class ConsoleAdapter extends BotAdapter {
  constructor(
    private readonly onSend: (activity: Partial<Activity>) => void,
    private readonly reference: ConversationReference,
  ) {
    super();
  }

  async receive(partial: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { id: randomUUID(), timestamp: new Date(), localTimestamp: new Date(), localTimezone: Intl.DateTimeFormat().resolvedOptions().timeZone, ...partial },
      this.reference,
      true,
    ) as Activity;
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  override async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') continue;
      this.onSend(activity);
      responses.push({ id: randomUUID() });
    }
    return responses;
  }

  override async updateActivity(_context: TurnContext, activity: Partial<Activity>): Promise<void> {
    this.onSend(activity);
  }

  override async deleteActivity(): Promise<void> {
    // Nothing to delete on a terminal.
  }

  override async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true) as Activity;
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
}
