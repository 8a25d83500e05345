export type * from './cardData.js';
export {
  CardRenderer,
  CardTemplateError,
  CardTooLargeError,
  DEFAULT_CARDS_DIR,
  HARD_MAX_CARD_BYTES,
  MAX_CARD_BYTES,
  type CardRendererOptions,
} from './renderer.js';
export { buildResolutionCardData } from './build.js';
export { escapeMarkdown, limitText } from './escape.js';
export { MAX_POSTBACK_CHARS } from './transform.js';
export { loadMessages, fill, DEFAULT_MESSAGES_PATH } from './messages.js';
export { loadWords, parseWords, WordsError, DEFAULT_WORDS_PATH } from './words.js';
export { Replies } from './replies.js';
export { throttleReply, phoneReply } from './notices.js';
export type { Messages } from './messages.js';
