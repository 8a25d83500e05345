import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import type * as AdaptiveCardsModule from 'adaptivecards';
import ajvFormats from 'ajv-formats';
import draft06MetaSchema from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import { SHARED_DIR } from '../helpers/shared.js';

// adaptivecards' lib/ build is ESM with extension-less imports, which Node cannot load; its UMD bundle in dist/
// loads fine, and parsing (unlike rendering) needs no DOM.
const require = createRequire(import.meta.url);
const AdaptiveCards = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCardsModule;

/** ajv-formats is CommonJS: under NodeNext its default import is the module object, whose `default` is the plugin. */
const addFormats = ajvFormats as unknown as { default: typeof ajvFormats.default };

function compileAdaptiveCardSchema(): ValidateFunction {
  const path = `${SHARED_DIR}/schemas/adaptive-card/v1.5/adaptive-card.json`;
  const { id, ...schema } = JSON.parse(readFileSync(path, 'utf8')) as { id: string } & Record<string, unknown>;
  // The schema leaves `type` implicit beside `pattern` and `required`; strictTypes would only warn about that.
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  ajv.addMetaSchema(draft06MetaSchema);
  // Documentation keywords of the Adaptive Card schema, not validation.
  ajv.addVocabulary(['version', 'features', 'example']);
  addFormats.default(ajv);
  return ajv.compile({ ...schema, $id: id });
}

const validateSchema = compileAdaptiveCardSchema();

/** Where a card breaks the Adaptive Card 1.5 JSON schema, as "path message" lines (empty when it conforms). */
export function schemaErrors(card: unknown): string[] {
  if (validateSchema(card)) return [];
  return (validateSchema.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

/** What the adaptivecards SDK reports while parsing and validating a 1.5 card: errors and warnings alike. */
export function sdkEvents(card: unknown): string[] {
  const sdkCard = new AdaptiveCards.AdaptiveCard();
  const context = new AdaptiveCards.SerializationContext(AdaptiveCards.Versions.v1_5);
  sdkCard.parse(card, context);
  const events: string[] = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i).message);
  for (const event of sdkCard.validateProperties().validationEvents) events.push(event.message);
  return events;
}

/** Every object in a card, depth first. */
export function nodesOf(value: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(value)) return value.flatMap((item: unknown) => nodesOf(item));
  if (typeof value !== 'object' || value === null) return [];
  const node = value as Record<string, unknown>;
  return [node, ...Object.values(node).flatMap((child) => nodesOf(child))];
}

/** Text a user reads: TextBlock texts, and Fact titles and values (all markdown in Teams). */
export function markdownTexts(card: unknown): string[] {
  return nodesOf(card).flatMap((node) => {
    if (node.type === 'TextBlock' && typeof node.text === 'string') return [node.text];
    if (typeof node.title === 'string' && typeof node.value === 'string' && node.type === undefined) {
      return [node.title, node.value];
    }
    return [];
  });
}

/** The replies a card's Action.Submit buttons post back as the user's words ({ action: 'reply', text }), in order. */
export function replyTexts(card: unknown): string[] {
  return nodesOf(card).flatMap((node) => (node.action === 'reply' && typeof node.text === 'string' ? [node.text] : []));
}

/** Actions of a card, body ActionSets included. */
export function actionsOf(card: unknown): Array<Record<string, unknown>> {
  return nodesOf(card).filter((node) => typeof node.type === 'string' && node.type.startsWith('Action.'));
}

/**
 * What CommonMark displays for text made only of literal characters and backslash escapes: the escapes
 * removed, and the zero-width space that keeps Teams from reading {{DATE()}} dropped.
 */
export function displayedText(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1').replaceAll('\u200B', '');
}

/**
 * Markdown that would do something rather than show itself: an unescaped emphasis, code, link or HTML character,
 * an entity, a block marker or indentation at a line start, or a {{DATE()}} / {{TIME()}} function.
 */
export function activeMarkdown(markdown: string): string[] {
  const found: string[] = [];
  const unescaped = (pattern: string) => new RegExp(`(?<!\\\\)(?:\\\\\\\\)*${pattern}`);
  if (unescaped('[*`<~\\[\\]]').test(markdown)) found.push('inline markup');
  if (/(?<![\p{L}\p{N}\\])_|(?<!\\)_(?![\p{L}\p{N}])/u.test(markdown)) found.push('emphasis with _');
  if (unescaped('&#?[a-z0-9]+;').test(markdown)) found.push('entity');
  if (/^(?:[ \t]+|[#>+=|-]|\d+[.)])/m.test(markdown)) found.push('block marker');
  if (/\{\{(?:DATE|TIME)\(/.test(markdown)) found.push('date function');
  return found;
}
