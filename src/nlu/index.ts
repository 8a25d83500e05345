import type { Catalog } from '../knowledge/types.js';
import { classifyText, type ClassifyOptions, type Classification } from './classify.js';
import { buildModel, type Model } from './model.js';

export type { Classification, ClassifyOptions, Match, OutOfScopeKind, SmallTalk } from './classify.js';
export type { FoundCode } from './codes.js';
export { extractCodes } from './codes.js';
export { normalizeText, MAX_CLASSIFIED_CHARS } from './normalize.js';
export { OUT_OF_SCOPE } from './model.js';

/** The classifier the bot and the CLI use: built once from the catalog, then pure per message. */
export class Classifier {
  private readonly model: Model;

  constructor(
    readonly catalog: Catalog,
    private readonly options: ClassifyOptions = {},
  ) {
    this.model = buildModel(catalog);
  }

  classify(text: string): Classification {
    return classifyText(this.model, this.catalog, text, this.options);
  }
}
