/** The pure reading of one message: what the bot, the decision module and the dialogs all work from. */
export { readTurn, isFactQuestion, isVague, type TurnReader } from './readTurn.js';
export type { TurnInput, Command } from './types.js';
export { foldText, wordsOf, isOneOf, startsWithOneOf, type ConversationWords } from './words.js';
