import { Ajv } from 'ajv';
import type { Activity } from 'botbuilder';

/**
 * The parts of a Bot Framework activity the bot reads, checked before botbuilder or the bot sees them, so a
 * malformed activity (a null member, a mention that is not an object, an invoke value that is a string) is a 400
 * instead of a TypeError in the middle of a turn. Unknown properties pass: channels add their own.
 */
const text = { type: 'string', maxLength: 4096 } as const;
const account = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 1024 }, name: text, aadObjectId: text, role: text },
} as const;

const activitySchema = {
  type: 'object',
  required: ['type', 'serviceUrl', 'channelId', 'conversation', 'from', 'recipient'],
  properties: {
    type: { type: 'string', minLength: 1, maxLength: 64 },
    id: text,
    name: text,
    serviceUrl: { type: 'string', minLength: 1, maxLength: 2048 },
    channelId: { type: 'string', minLength: 1, maxLength: 64 },
    from: account,
    recipient: account,
    conversation: {
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'string', minLength: 1, maxLength: 1024 }, conversationType: text, tenantId: text, isGroup: { type: 'boolean' } },
    },
    text: { type: 'string' },
    textFormat: text,
    locale: text,
    timestamp: text,
    localTimestamp: text,
    localTimezone: text,
    replyToId: text,
    entities: { type: 'array', maxItems: 64, items: { type: 'object', properties: { type: text } } },
    attachments: { type: 'array', maxItems: 32, items: { type: 'object', properties: { contentType: text } } },
    membersAdded: { type: 'array', maxItems: 512, items: account },
    membersRemoved: { type: 'array', maxItems: 512, items: account },
    channelData: { type: 'object' },
  },
  // Invokes (message extension queries, card actions) carry their arguments in an object.
  if: { properties: { type: { const: 'invoke' } } },
  then: { properties: { value: { type: 'object' } } },
} as const;

const validate = new Ajv({ allErrors: false, strict: true }).compile(activitySchema);

export type ActivityCheck = { readonly ok: true; readonly activity: Activity } | { readonly ok: false; readonly error: string };

/** Checks a parsed body against the activity shape; the error names the first offending field. */
export function checkActivity(body: unknown): ActivityCheck {
  if (validate(body)) return { ok: true, activity: body as unknown as Activity };
  const first = validate.errors?.[0];
  const where = first?.instancePath ? first.instancePath.slice(1).replaceAll('/', '.') : 'the activity';
  const what =
    first?.keyword === 'required'
      ? `is missing ${String((first.params as { missingProperty?: unknown }).missingProperty)}`
      : (first?.message ?? 'is malformed');
  return { ok: false, error: `not a Bot Framework activity: ${where} ${what}` };
}
