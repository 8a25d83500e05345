import { MessageFactory, type Activity, type Attachment } from 'botbuilder';
import type { Question, Topic } from '../knowledge/index.js';
import { buildResolutionCardData } from './build.js';
import type { AccountSectionData, TimelineCardData, View } from './cardData.js';
import { fill, type Messages } from './messages.js';
import type { CardRenderer } from './renderer.js';

/** Builds the bot's replies from the card templates and the messages file; callers only decide which to send. */
export class Replies {
  constructor(
    private readonly renderer: CardRenderer,
    readonly messages: Messages,
  ) {}

  text(text: string): Partial<Activity> {
    return MessageFactory.text(text);
  }

  private card(attachment: Attachment): Partial<Activity> {
    return MessageFactory.attachment(attachment);
  }

  /** "Notify my admin" belongs on the user's view of a problem only an admin can fix, when some admin listens. */
  private resolutionCard(topic: Topic, view: View, adminsListening: boolean, account?: AccountSectionData): Attachment {
    const canNotifyAdmin = adminsListening && view === 'user' && topic.escalation.actor === 'admin';
    const data = buildResolutionCardData(topic, view, { canNotifyAdmin });
    return this.renderer.render('resolution', account ? { ...data, account } : data);
  }

  /** A topic's card; with `account`, the account facts behind it ("What I see for this account"). */
  resolution(topic: Topic, view: View, adminsListening = false, account?: AccountSectionData): Partial<Activity> {
    return this.card(this.resolutionCard(topic, view, adminsListening, account));
  }

  /**
   * One message: the intro, a resolution card per topic, and "Did this fix it?" under them. `account` ("What I see
   * for your account") goes on the first card.
   */
  answer(intro: string, topics: readonly Topic[], view: View, adminsListening = false, account?: AccountSectionData): Partial<Activity> {
    const cards = topics.map((topic, i) => this.resolutionCard(topic, view, adminsListening, i === 0 ? account : undefined));
    const feedback = this.renderer.render('feedback', { topicId: topics.at(-1)?.id ?? '', question: this.messages.feedbackQuestion });
    return { ...MessageFactory.list([...cards, feedback], intro), attachmentLayout: 'list' };
  }

  /** The intro for an answer of one or several topics. */
  answerIntro(count: number): string {
    return count > 1 ? fill(this.messages.answerIntroMany, { count }) : this.messages.answerIntro;
  }

  /** An agent's other likely topics, each a button that shows its card. */
  runnersUp(topics: readonly Topic[], view: View): Partial<Activity> {
    const data = { title: this.messages.runnersUpTitle, topics: topics.map((t) => ({ topicId: t.id, title: t.title, view })) };
    return this.card(this.renderer.render('runnersUp', data));
  }

  followUp(question: Question, asked: number, max: number): Partial<Activity> {
    return this.choices(
      question.text,
      question.choices.map((c) => c.title),
      fill(this.messages.progress, { n: asked + 1, max }),
    );
  }

  /** "Which of these is it?" with the topics' titles and "None of these". */
  pick(topics: readonly Topic[]): Partial<Activity> {
    const { pickQuestion, pickNone, pickIntro } = this.messages;
    return this.choices(pickQuestion, [...topics.map((t) => t.title), pickNone], pickIntro);
  }

  feedback(topicId: string): Partial<Activity> {
    return this.card(this.renderer.render('feedback', { topicId, question: this.messages.feedbackQuestion }));
  }

  welcome(): Partial<Activity> {
    return this.card(this.renderer.render('welcome', this.messages.welcome));
  }

  outOfScope(): Partial<Activity> {
    return this.card(this.renderer.render('outOfScope', { message: this.messages.outOfScope, examples: this.messages.welcome.examples }));
  }

  choices(prompt: string, choices: readonly string[], progress: string): Partial<Activity> {
    return this.card(this.renderer.render('followUp', { question: prompt, choices: choices.map((title) => ({ title })), progress }));
  }

  /** The summary to forward; with "Notify my admin" when an admin can fix it and some admin listens. */
  escalationSummary(data: {
    topicId: string;
    topicTitle: string;
    who: string;
    facts: ReadonlyArray<{ title: string; value: string }>;
    actor: 'user' | 'admin' | 'microsoft-support';
    adminsListening: boolean;
  }): Partial<Activity> {
    const { messages } = this;
    const card = this.renderer.render('escalationSummary', {
      topicId: data.topicId,
      canNotifyAdmin: data.adminsListening && data.topicId !== '' && data.actor === 'admin',
      title: messages.escalationTitle,
      topicTitle: data.topicTitle,
      who: data.who,
      facts: data.facts,
      nextStep: messages.escalationNextStep[data.actor],
    });
    return this.card(card);
  }

  /** An agent's check of someone's account that points at no topic: the facts and one line. */
  accountCheck(account: AccountSectionData): Partial<Activity> {
    return this.card(this.renderer.render('accountCheck', { account, summary: this.messages.accountCheck.nothingStandsOut }));
  }

  timeline(data: TimelineCardData): Partial<Activity> {
    return this.card(this.renderer.render('timeline', data));
  }
}
