/**
 * The botbuilder-dialogs classes the dialogs use at run time, from their own files rather than the package's index.
 * The index also loads every built-in prompt and the Recognizers-Text suites behind them (dates, numbers, choices,
 * in a dozen languages): about 180 more modules and 190 ms of every start-up, for prompts this bot never uses.
 * Types still come from the package itself (type imports load nothing). test/dialogs/framework.test.ts checks that
 * these are the index's very classes, so a botbuilder-dialogs that moves them fails there, not in production.
 */
export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog.js';
export { DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog.js';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet.js';
export { Prompt } from 'botbuilder-dialogs/lib/prompts/prompt.js';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog.js';
