import { ConversationState, type StoreItem, type TurnContext } from 'botbuilder';
import { offerJsonToWrite, takeJsonAsRead, takeJsonToWrite } from '../storage/itemJson.js';

/** A turn's copy of the state, with its JSON as it was read or last saved. */
interface Cached {
  state: StoreItem;
  json: string;
}

/** The state's JSON without its eTag, which the store sets and which is no change of the bot's. */
function jsonOf(state: StoreItem): string {
  const { eTag: _eTag, ...rest } = state;
  return JSON.stringify(rest);
}

/**
 * botbuilder's ConversationState, with a cheaper check for whether a turn changed the state. BotState hashes the
 * whole state three times on every turn that changes it (a stringify that calls a replacer on every value, then
 * sha256: when it is read, before saving, and again after), about 5% of a turn's CPU under load (bench:load). Here
 * the JSON of the state as read is kept and compared with its JSON at the end of the turn: two plain stringifies.
 * Everything else is as botbuilder does it: read once per turn, written whole with eTag '*' (last writer wins) only
 * when changed or forced, cleared and deleted the same way. BotState keeps its cache under a private key, so all the
 * methods that touch the cache are here.
 */
export class JsonCheckedConversationState extends ConversationState {
  readonly #cacheKey = Symbol('jsonCheckedConversationState');

  override async load(context: TurnContext, force = false): Promise<StoreItem> {
    const cached = context.turnState.get(this.#cacheKey) as Cached | undefined;
    if (!force && cached?.state) return cached.state;
    const key = await this.storageKey(context);
    const items = await this.storage.read([key]);
    const state: StoreItem = items[key] ?? {};
    // The SQLite store hands over the JSON it read the state from (storage/itemJson.ts); other stores do not.
    context.turnState.set(this.#cacheKey, { state, json: takeJsonAsRead(state) ?? jsonOf(state) } satisfies Cached);
    return state;
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const read = context.turnState.get(this.#cacheKey) as Cached | undefined;
    if (!read && !force) return;
    // Forced with nothing read: an empty state is written, as BotState does.
    const cached = read ?? { state: {}, json: '' };
    const key = await this.storageKey(context);
    // From here to the store's write nothing awaits, so the JSON is the state's as written.
    const json = jsonOf(cached.state);
    if (!force && json === cached.json) return;
    cached.state.eTag = '*';
    // The store may write this JSON instead of making it again; it is taken back afterwards in case it did not.
    offerJsonToWrite(cached.state, json);
    try {
      await this.storage.write({ [key]: cached.state });
    } finally {
      takeJsonToWrite(cached.state);
    }
    cached.json = json;
    context.turnState.set(this.#cacheKey, cached);
  }

  override async clear(context: TurnContext): Promise<void> {
    // An empty JSON that no state has: the cleared state is saved at the end of the turn.
    context.turnState.set(this.#cacheKey, { state: {}, json: '' } satisfies Cached);
  }

  override async delete(context: TurnContext): Promise<void> {
    context.turnState.delete(this.#cacheKey);
    const key = await this.storageKey(context);
    await this.storage.delete([key]);
  }

  override get(context: TurnContext): StoreItem | undefined {
    const cached = context.turnState.get(this.#cacheKey) as Cached | undefined;
    return typeof cached === 'object' && typeof cached.state === 'object' ? cached.state : undefined;
  }
}
