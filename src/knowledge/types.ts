/** The shape of one catalog topic (catalog/schema.json is the authority). */
export type Audience = 'user' | 'admin';
export type CodeType = 'sspr' | 'event' | 'hresult' | 'name';
export type Stage = 'registering' | 'resetting' | 'changing' | 'unlocking' | 'signing-in' | 'writeback' | 'portal' | 'reporting' | 'setup';
export type Method = 'sms' | 'call' | 'email' | 'app' | 'questions';
export type AccountType = 'cloud-only' | 'synced' | 'federated';
export type Actor = 'user' | 'admin' | 'microsoft-support';

export interface TopicCode {
  readonly type: CodeType;
  readonly value: string;
}

export interface Topic {
  readonly id: string;
  readonly title: string;
  readonly audience: Audience;
  readonly category: string;
  readonly codes: readonly TopicCode[];
  readonly errorTexts: readonly string[];
  readonly symptoms: readonly string[];
  readonly cause: { readonly user: string; readonly admin: string };
  readonly fix: { readonly user: readonly string[]; readonly admin: readonly string[] };
  readonly escalation: { readonly actor: Actor; readonly summary: string; readonly collect: readonly string[] };
  readonly related: readonly string[];
  readonly source: { readonly seed: readonly string[]; readonly section: string; readonly url: string };
  /** The meaning frame the topic is about (concept ids of catalog/concepts.json by slot); the schema requires it. */
  readonly frame?: TopicFrame;
  readonly facets: {
    readonly stage: readonly Stage[];
    readonly hasErrorCode: boolean;
    readonly method: readonly Method[];
    readonly accountType: readonly AccountType[];
  };
}

export type FrameSlot = 'what' | 'state' | 'actor' | 'operation' | 'outcome';

/** What a topic is about, as concept ids grouped by slot. */
export type TopicFrame = Partial<Record<FrameSlot, readonly string[]>>;

/** One concept of catalog/concepts.json: the many ways people say one thing. */
export interface Concept {
  readonly id: string;
  readonly slot: FrameSlot;
  /** Overrides the rarity weight computed from the topic frames. */
  readonly weight?: number;
  /** Says little about which problem it is (reset, failed): a message of generic concepts alone is vague. */
  readonly generic?: boolean;
  /** Splits the catalog in two (the event log or not): a topic and a message that disagree on it are damped. */
  readonly gate?: boolean;
  /** Concepts a message naming this one also means ("AD refused it" means the operation failed). */
  readonly implies?: readonly string[];
  readonly forms: readonly string[];
}

export type SmallTalkKind = 'greeting' | 'thanks' | 'resolved' | 'still-broken' | 'human';

export interface ConceptLexicon {
  readonly concepts: readonly Concept[];
  /** Cue words of conversational replies by kind, and filler words that carry no problem. */
  readonly smallTalk: Readonly<Record<SmallTalkKind | 'filler', readonly string[]>>;
}

/** Names of things that are not the work or school account (catalog/out-of-scope.json, gazetteer). */
export interface Gazetteer {
  readonly consumer: readonly string[];
  readonly enterprise: readonly string[];
  readonly file: readonly string[];
  readonly devices: readonly string[];
  readonly deviceSecrets: readonly string[];
  readonly standaloneDevice: readonly string[];
  readonly inScope: readonly string[];
}

/** Phrasings of requests the bot must not answer with a password article. */
export interface OutOfScope {
  readonly examples: readonly string[];
  /** Words that keep a vague message in scope (it then gets follow-up questions). */
  readonly domainWords?: readonly string[];
  readonly gazetteer?: Gazetteer;
}

export interface Catalog {
  readonly topics: readonly Topic[];
  readonly outOfScope: OutOfScope;
  readonly concepts: ConceptLexicon;
  topic(id: string): Topic | undefined;
  /** Topics that carry a code, keyed by `${type}:${value}` (value as stored in the catalog). */
  topicsForCode(type: CodeType, value: string): readonly Topic[];
}
