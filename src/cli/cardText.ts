/**
 * Adaptive Card → readable console text, with the card's buttons as numbered choices.
 * Only what our templates use is handled; anything else is skipped.
 */
export interface ConsoleChoice {
  readonly label: string;
  /** What clicking sends: the user's words (a reply button) or a submit value. */
  readonly text?: string;
  readonly value?: Record<string, unknown>;
  readonly url?: string;
}

export interface ConsoleCard {
  readonly lines: string[];
  readonly choices: ConsoleChoice[];
}

type Json = Record<string, unknown>;

const unescapeMarkdown = (text: string): string => text.replace(/\\([\\`*_[\]<>~#+=|.!-])/g, '$1').replace(/\u200b/g, '');

function actionChoice(action: Json): ConsoleChoice | undefined {
  const label = typeof action.title === 'string' ? action.title : '';
  if (action.type === 'Action.OpenUrl' && typeof action.url === 'string') return { label, url: action.url };
  if (action.type !== 'Action.Submit') return undefined;
  const data = (action.data ?? {}) as Json;
  if (data.action === 'reply' && typeof data.text === 'string') return { label, text: data.text };
  return { label, value: data };
}

function walk(element: unknown, card: ConsoleCard): void {
  if (Array.isArray(element)) {
    for (const child of element) walk(child, card);
    return;
  }
  if (typeof element !== 'object' || element === null) return;
  const e = element as Json;
  switch (e.type) {
    case 'TextBlock':
      if (typeof e.text === 'string') card.lines.push(unescapeMarkdown(e.text));
      break;
    case 'RichTextBlock':
      card.lines.push(((e.inlines as Json[] | undefined) ?? []).map((i) => (typeof i === 'string' ? i : String(i.text ?? ''))).join(''));
      break;
    case 'FactSet':
      for (const fact of (e.facts as Json[] | undefined) ?? [])
        card.lines.push(`  ${unescapeMarkdown(String(fact.title))}: ${unescapeMarkdown(String(fact.value))}`);
      break;
    case 'ActionSet':
      for (const action of (e.actions as Json[] | undefined) ?? []) {
        const choice = actionChoice(action);
        if (choice) card.choices.push(choice);
      }
      break;
    default:
      walk(e.items, card);
      walk(e.columns, card);
      walk(e.body, card);
  }
}

export function cardToText(content: unknown): ConsoleCard {
  const card: ConsoleCard = { lines: [], choices: [] };
  walk(content, card);
  if (typeof content === 'object' && content !== null) {
    for (const action of ((content as Json).actions as Json[] | undefined) ?? []) {
      const choice = actionChoice(action);
      if (choice) card.choices.push(choice);
    }
  }
  return card;
}
