/**
 * The JSON of a store item (without its eTag), handed between the SQLite store and the conversation state so neither
 * stringifies what the other has just parsed or stringified. Conversation state is 2–4 KB of JSON read and written on
 * every turn: the state compares its JSON at the end of the turn with its JSON as read (jsonCheckedState.ts), and the
 * store writes that same JSON.
 *
 * Two one-way channels, each kept weakly beside the item and taken once: what was read is never written back (an item
 * read, changed and written by anyone else must be stringified afresh), and what is offered for a write is taken
 * back right after it, so a later change to the item can never be written with stale JSON.
 */
const asRead = new WeakMap<object, string>();
const toWrite = new WeakMap<object, string>();

function take(channel: WeakMap<object, string>, item: object): string | undefined {
  const json = channel.get(item);
  if (json !== undefined) channel.delete(item);
  return json;
}

/** The store: the JSON text the item was just parsed from. */
export function offerJsonAsRead(item: object, json: string): void {
  asRead.set(item, json);
}

/** The reader: the JSON the store read the item from, once; undefined when none was offered. */
export function takeJsonAsRead(item: object): string | undefined {
  return take(asRead, item);
}

/** The writer: the JSON the item reads as right now (JSON.stringify of it without its eTag), for the write it starts. */
export function offerJsonToWrite(item: object, json: string): void {
  toWrite.set(item, json);
}

/** The store, and the writer once its write is done: the JSON offered for the write, once. */
export function takeJsonToWrite(item: object): string | undefined {
  return take(toWrite, item);
}
