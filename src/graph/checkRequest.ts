/**
 * "check alex@contoso.com": an agent's request to look at someone else's account. Pure: text in, target out.
 * The target is a sign-in name (UPN or address) or an Entra object id; nothing else is read as a request.
 */
export type CheckTarget = { readonly kind: 'upn'; readonly value: string } | { readonly kind: 'objectId'; readonly value: string };

const GUID = String.raw`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`;
// A UPN's local part allows the characters of an address; the domain needs a dot and a label of two letters or more.
const UPN = String.raw`[a-z0-9._%+'-]{1,64}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}`;

const REQUEST = new RegExp(
  String.raw`^(?:please\s+)?(?:can you\s+|could you\s+)?(?:check|look\s*up|lookup|look at)\s+(?:on\s+)?(?:the\s+)?(?:(?:account|user)\s+(?:of\s+|for\s+)?)?` +
    String.raw`(?:mailto:)?<?(${UPN}|${GUID})>?(?:'s\s+account)?\s*(?:please)?\s*[.!?]*$`,
  'i',
);

/** Teams may send an address as a mailto link; the turn reader strips most markup, this removes what is left. */
function plain(text: string): string {
  return text
    .replace(/<a\b[^>]*>(.*?)<\/a>/gi, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function parseCheckRequest(text: string): CheckTarget | undefined {
  if (text.length > 500) return undefined;
  const match = REQUEST.exec(plain(text));
  const value = match?.[1]?.toLowerCase();
  if (!value) return undefined;
  return new RegExp(`^${GUID}$`, 'i').test(value) ? { kind: 'objectId', value } : { kind: 'upn', value };
}

/** The target of a message-extension action on someone's message: its author's Entra object id. */
export function targetFromObjectId(aadObjectId: string | undefined): CheckTarget | undefined {
  const value = aadObjectId?.trim().toLowerCase();
  return value && new RegExp(`^${GUID}$`).test(value) ? { kind: 'objectId', value } : undefined;
}
