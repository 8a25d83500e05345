import type { TurnContext } from 'botbuilder';
import type { TurnInput } from '../src/turn/index.js';

/** Where the bot leaves the turn's reading for the dialogs (turn state lives for one turn and is never stored). */
export const TURN_INPUT = Symbol('turnInput');

export function setTurnInput(context: TurnContext, input: TurnInput): void {
  context.turnState.set(TURN_INPUT, input);
}

/** The turn's reading; a dialog running without one is a wiring error, not a user's doing. */
export function turnOf(context: TurnContext): TurnInput {
  const input = context.turnState.get(TURN_INPUT) as TurnInput | undefined;
  if (!input) throw new Error('the turn was not read before the dialogs ran (setTurnInput)');
  return input;
}
