import type { TurnContext } from 'botbuilder';
import type { DialogContext, DialogTurnResult, PromptOptions, PromptRecognizerResult } from 'botbuilder-dialogs';
import { Prompt } from './framework.js';
import type { TurnInput } from '../src/turn/index.js';
import type { Expecting } from '../src/triage/index.js';
import { turnOf } from './turnInput.js';

/** A prompt's options: what to send, and what it waits for (read by the interruption handler before any step). */
export interface TurnPromptOptions extends PromptOptions {
  readonly validations: Expecting;
}

/**
 * Waits for the next message and hands the step the turn's reading: typed text and a clicked button alike (a card
 * submit may carry no activity.text at all), already cleaned of passwords and phone numbers.
 */
export class TurnPrompt extends Prompt<TurnInput> {
  constructor(dialogId: string) {
    super(dialogId);
  }

  /**
   * Once sent, the question card is not kept in the waiting prompt's state: it is never sent again (every reply is
   * recognised), and kept it would make every waiting conversation's stored state several kilobytes larger, to be
   * read, hashed and written on each turn. What the prompt waits for (validations) stays.
   */
  override async beginDialog(dc: DialogContext, options: PromptOptions): Promise<DialogTurnResult> {
    const result = await super.beginDialog(dc, options);
    const state = dc.activeDialog?.state as { options?: PromptOptions } | undefined;
    if (state?.options) state.options = { ...state.options, prompt: undefined, retryPrompt: undefined };
    return result;
  }

  protected override async onPrompt(context: TurnContext, _state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const prompt = isRetry && options.retryPrompt ? options.retryPrompt : options.prompt;
    if (prompt !== undefined) await context.sendActivity(prompt);
  }

  protected override async onRecognize(context: TurnContext): Promise<PromptRecognizerResult<TurnInput>> {
    return { succeeded: true, value: turnOf(context) };
  }
}

/** What the waiting prompt expects, when the innermost active dialog is one of ours. */
export function expectingOf(options: unknown): Expecting | undefined {
  const validations = (options as Partial<TurnPromptOptions> | undefined)?.validations;
  return validations && typeof validations === 'object' && 'kind' in validations ? validations : undefined;
}
