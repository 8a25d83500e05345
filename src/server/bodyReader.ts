import type { IncomingMessage } from 'node:http';
import contentType from 'content-type';
import getRawBody from 'raw-body';
import type restify from 'restify';

/** What a route accepts as a body: JSON only, at most this many bytes, arriving within this time. */
export interface BodyLimits {
  readonly maxBytes: number;
  readonly timeoutMs: number;
}

export type BodyResult = { readonly ok: true; readonly body: unknown } | { readonly ok: false; readonly status: number; readonly error: string };

const refuse = (status: number, error: string): BodyResult => ({ ok: false, status, error });

/** Refuses what is not plain JSON before reading a byte: compressed bodies, forms, multipart, other types. */
function checkHeaders(req: IncomingMessage): BodyResult | undefined {
  const encoding = req.headers['content-encoding']?.trim().toLowerCase();
  // Inflating would make the size limit count compressed bytes; no Bot Framework client compresses requests.
  if (encoding && encoding !== 'identity') return refuse(415, 'compressed request bodies are not accepted');
  let type: contentType.ParsedMediaType;
  try {
    type = contentType.parse(req);
  } catch {
    return refuse(415, 'the body must be JSON (content-type: application/json)');
  }
  if (type.type !== 'application/json') return refuse(415, 'the body must be JSON (content-type: application/json)');
  const charset = type.parameters.charset?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') return refuse(415, 'the body must be UTF-8');
  return undefined;
}

function statusOf(error: unknown): number {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : 400;
}

const REASONS: Readonly<Record<number, string>> = {
  408: 'the body did not arrive in time',
  413: 'the body is too large',
};

/**
 * Reads one request body as JSON within the limits. Never throws: every failure is a status and a plain reason
 * (415 not JSON or compressed, 413 too large, 408 too slow, 400 malformed or cut short).
 */
export async function readJsonBody(req: IncomingMessage, limits: BodyLimits): Promise<BodyResult> {
  const refused = checkHeaders(req);
  if (refused) return refused;
  let timer: NodeJS.Timeout | undefined;
  const tooSlow = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('body timeout'), { status: 408 })), limits.timeoutMs);
  });
  let text: string;
  try {
    const length = req.headers['content-length'];
    text = await Promise.race([getRawBody(req, { limit: limits.maxBytes, length, encoding: 'utf-8' }), tooSlow]);
  } catch (error) {
    const status = statusOf(error);
    return refuse(status, REASONS[status] ?? 'the body could not be read');
  } finally {
    clearTimeout(timer);
  }
  if (text.trim() === '') return refuse(400, 'the body is empty');
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return refuse(400, 'the body is not valid JSON');
  }
}

/**
 * A restify handler that puts the parsed JSON on req.body or answers the failure itself. A refused body may still
 * be arriving, so the connection is closed behind the answer instead of waiting for the rest.
 */
export function jsonBody(limits: BodyLimits): restify.RequestHandler {
  const answer = (req: restify.Request, res: restify.Response, next: restify.Next, result: BodyResult): void => {
    if (result.ok) {
      req.body = result.body;
      next();
      return;
    }
    if (result.status !== 400) res.header('connection', 'close');
    res.send(result.status, { error: result.error });
    next(false);
  };
  // Not an async function: restify forbids async handlers that take `next`, and a refused body must stop the chain.
  return (req, res, next) => {
    readJsonBody(req, limits).then(
      (result) => answer(req, res, next, result),
      () => answer(req, res, next, refuse(400, 'the body could not be read')),
    );
  };
}
