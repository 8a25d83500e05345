import { contentPath } from '../content.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GlobalSettings, Template } from 'adaptivecards-templating';
import { CardFactory, type Attachment } from 'botbuilder';
import { LRUCache } from 'lru-cache';
import type { CardDataByName, CardName } from './cardData.js';
import { toMarkdownData, toPlainData, trimData, TRIM_STEPS } from './transform.js';

export const DEFAULT_CARDS_DIR = contentPath('cards');

/** Teams refuses a message larger than about 28 KB; a card is trimmed until its attachment JSON is below this. */
export const MAX_CARD_BYTES = 28 * 1024;
/** Past this even the most trimmed card is a bug, not long data. */
export const HARD_MAX_CARD_BYTES = 100 * 1024;

/** Every card name, checked against CardName by the compiler (a missing or extra key fails to type-check). */
const CARD_FILES: { readonly [N in CardName]: `${N}.json` } = {
  resolution: 'resolution.json',
  followUp: 'followUp.json',
  feedback: 'feedback.json',
  escalationSummary: 'escalationSummary.json',
  welcome: 'welcome.json',
  outOfScope: 'outOfScope.json',
  adminNotification: 'adminNotification.json',
  timeline: 'timeline.json',
  runnersUp: 'runnersUp.json',
  accountCheck: 'accountCheck.json',
};

/** A template file is missing, is not JSON, or binds a field its data does not have. */
export class CardTemplateError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CardTemplateError';
  }
}

/** The card is still larger than the hard limit after trimming its data. */
export class CardTooLargeError extends Error {
  constructor(
    readonly card: CardName,
    readonly bytes: number,
  ) {
    super(`the ${card} card is ${bytes} bytes after trimming`);
    this.name = 'CardTooLargeError';
  }
}

export interface CardRendererOptions {
  /** Trim the data until the attachment JSON is smaller than this many bytes. */
  readonly maxBytes?: number;
  /** Throw CardTooLargeError when the most trimmed card is still larger than this. */
  readonly hardMaxBytes?: number;
}

/** A card template's JSON, read and checked at start-up so a broken file fails then, not on a person's turn. */
function readTemplate(dir: string, file: string): object {
  const path = join(dir, file);
  let payload: unknown;
  try {
    payload = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new CardTemplateError(`cannot read the card template ${path}`, { cause });
  }
  if (typeof payload !== 'object' || payload === null || (payload as { type?: unknown }).type !== 'AdaptiveCard') {
    throw new CardTemplateError(`${path} is not an AdaptiveCard`);
  }
  return payload;
}

/** Freezes a JSON value and everything in it, so a shared cached card cannot be changed by one of its users. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function byteSize(attachment: Attachment): number {
  return Buffer.byteLength(JSON.stringify(attachment), 'utf8');
}

/**
 * Expands the templates in cards/ with card data. Templates bind `${field}` to the markdown-escaped data (for
 * TextBlocks and Facts) and `${$host.field}` to the raw data (for Action.Submit data, button titles and URLs).
 */
export class CardRenderer {
  private readonly payloads: { readonly [N in CardName]: object };
  /**
   * The templating engine parses every expression of a template when the Template is made: about 10 ms a card, a
   * tenth of a second of start-up for all of them. Each is made when its card is first rendered.
   */
  private readonly templates: { [N in CardName]?: Template } = {};
  private readonly maxBytes: number;
  private readonly hardMaxBytes: number;

  constructor(cardsDir: string = DEFAULT_CARDS_DIR, { maxBytes = MAX_CARD_BYTES, hardMaxBytes = HARD_MAX_CARD_BYTES }: CardRendererOptions = {}) {
    this.payloads = {
      resolution: readTemplate(cardsDir, CARD_FILES.resolution),
      followUp: readTemplate(cardsDir, CARD_FILES.followUp),
      feedback: readTemplate(cardsDir, CARD_FILES.feedback),
      escalationSummary: readTemplate(cardsDir, CARD_FILES.escalationSummary),
      welcome: readTemplate(cardsDir, CARD_FILES.welcome),
      outOfScope: readTemplate(cardsDir, CARD_FILES.outOfScope),
      adminNotification: readTemplate(cardsDir, CARD_FILES.adminNotification),
      timeline: readTemplate(cardsDir, CARD_FILES.timeline),
      runnersUp: readTemplate(cardsDir, CARD_FILES.runnersUp),
      accountCheck: readTemplate(cardsDir, CARD_FILES.accountCheck),
    };
    this.maxBytes = maxBytes;
    this.hardMaxBytes = hardMaxBytes;
  }

  /**
   * Most cards are a pure function of catalog data (a topic in a view, the feedback question, a follow-up question),
   * so the same few hundred come back again and again. The cached card is frozen and handed out as it is: nothing
   * downstream writes into a card (the connector serialises it into a new body), and copying a few kilobytes of
   * JSON on every send was most of what a cached render cost.
   */
  private readonly rendered = new LRUCache<string, Attachment>({ max: 1000 });

  /** The card as a Bot Framework attachment (frozen), its data trimmed if the card would be too large for Teams. */
  render<N extends CardName>(name: N, data: CardDataByName[N]): Attachment {
    const key = `${name}\u0000${JSON.stringify(data)}`;
    const cached = this.rendered.get(key);
    if (cached !== undefined) return cached;
    const attachment = deepFreeze(this.renderFresh(name, data));
    this.rendered.set(key, attachment);
    return attachment;
  }

  private renderFresh<N extends CardName>(name: N, data: CardDataByName[N]): Attachment {
    let attachment = this.expand(name, data);
    for (const limits of TRIM_STEPS) {
      if (byteSize(attachment) < this.maxBytes) return attachment;
      attachment = this.expand(name, trimData(data, limits));
    }
    const bytes = byteSize(attachment);
    if (bytes > this.hardMaxBytes) throw new CardTooLargeError(name, bytes);
    return attachment;
  }

  private expand(name: CardName, data: unknown): Attachment {
    // The engine writes "${path}" into the card for a field the data lacks; record those to fail loudly instead.
    const unbound: string[] = [];
    const previous = GlobalSettings.getUndefinedFieldValueSubstitutionString;
    GlobalSettings.getUndefinedFieldValueSubstitutionString = (path) => {
      unbound.push(path);
      return undefined;
    };
    let card: unknown;
    try {
      const template = (this.templates[name] ??= new Template(this.payloads[name]));
      card = template.expand({ $root: toMarkdownData(data), $host: toPlainData(data) });
    } catch (cause) {
      throw new CardTemplateError(`the ${name} card could not be expanded`, { cause });
    } finally {
      GlobalSettings.getUndefinedFieldValueSubstitutionString = previous;
    }
    if (unbound.length > 0) {
      throw new CardTemplateError(`the ${name} card binds ${[...new Set(unbound)].join(', ')}, which its data lacks`);
    }
    return CardFactory.adaptiveCard(card);
  }
}
