import { MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import type { Question, Topic } from '../src/knowledge/index.js';
import { buildResolutionCardData, fill, type View } from '../src/render/index.js';
import type { DialogDeps } from './deps.js';

/** Builds the bot's replies from the renderer and the messages file; dialogs only decide which to send. */
export class Replies {
  constructor(private readonly deps: DialogDeps) {}

  resolution(topic: Topic, view: View, adminsListening = false): Partial<Activity> {
    const data = buildResolutionCardData(topic, view, { canNotifyAdmin: adminsListening && view === 'user' && topic.escalation.actor === 'admin' });
    return MessageFactory.attachment(this.deps.renderer.render('resolution', data));
  }

  /** One message: the intro, a resolution card per topic, and "Did this fix it?" under them. */
  answer(intro: string, topics: readonly Topic[], view: View, adminsListening = false): Partial<Activity> {
    const { renderer, messages } = this.deps;
    // "Notify my admin" belongs on the user's view of a problem only an admin can fix.
    const notify = (topic: Topic): boolean => adminsListening && view === 'user' && topic.escalation.actor === 'admin';
    const cards = topics.map((topic) => renderer.render('resolution', buildResolutionCardData(topic, view, { canNotifyAdmin: notify(topic) })));
    const feedback = renderer.render('feedback', { topicId: topics.at(-1)?.id ?? '', question: messages.feedbackQuestion });
    return { ...MessageFactory.list([...cards, feedback], intro), attachmentLayout: 'list' };
  }

  followUp(question: Question, asked: number, max: number): Partial<Activity> {
    const card = this.deps.renderer.render('followUp', {
      question: question.text,
      choices: question.choices.map((c) => ({ title: c.title })),
      progress: fill(this.deps.messages.progress, { n: asked + 1, max }),
    });
    return MessageFactory.attachment(card);
  }

  feedback(topicId: string): Partial<Activity> {
    return MessageFactory.attachment(this.deps.renderer.render('feedback', { topicId, question: this.deps.messages.feedbackQuestion }));
  }

  welcome(): Partial<Activity> {
    return MessageFactory.attachment(this.deps.renderer.render('welcome', this.deps.messages.welcome));
  }

  outOfScope(): Partial<Activity> {
    const { messages } = this.deps;
    return MessageFactory.attachment(this.deps.renderer.render('outOfScope', { message: messages.outOfScope, examples: messages.welcome.examples }));
  }

  choices(prompt: string, choices: readonly string[], progress: string): Partial<Activity> {
    const card = this.deps.renderer.render('followUp', { question: prompt, choices: choices.map((title) => ({ title })), progress });
    return MessageFactory.attachment(card);
  }

  async sendText(context: TurnContext, text: string): Promise<void> {
    await context.sendActivity(MessageFactory.text(text));
  }
}
