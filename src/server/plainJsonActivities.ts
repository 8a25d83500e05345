import { createHttpHeaders, createPipelineRequest, RestError, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import type { Activity, ResourceResponse } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';

/** The header botframework-connector sends with a reply (its ConversationIdHttpHeaderName). */
const CONVERSATION_ID_HEADER = 'x-ms-conversation-id';

/** The @azure/core-client ServiceClient inside botbuilder's compat client: its pipeline signs and sends requests. */
interface PipelineClient {
  sendRequest(request: PipelineRequest): Promise<PipelineResponse>;
}

/** The parts of a ConnectorClient this module reads, none of them in its public type. */
interface ClientInternals {
  readonly client?: PipelineClient;
  readonly baseUri?: string;
}

/**
 * Makes a connector client post a turn's messages as plain JSON. botframework-connector serialises every activity
 * through @azure/core-client's model mappers, walking the Activity model property by property; under bench:load that
 * walk was 4% of the server's CPU and 11% of all the bytes a turn allocated, to produce what JSON.stringify produces
 * for the activities a bot sends (the request's bytes are compared in test/server/plainJsonActivities.test.ts). The
 * request still goes through the client's own pipeline: its credentials sign it, and its retry, user-agent and
 * redirect policies apply as before. Failures throw a RestError with the status and the response, as the mapped
 * operations do, so Retry-After is read the same way. A client of another shape is left as it is.
 */
export function postActivitiesAsPlainJson(connector: ConnectorClient): ConnectorClient {
  const { client: pipeline, baseUri } = connector as unknown as ClientInternals;
  const conversations = (connector as Partial<ConnectorClient>).conversations;
  if (!pipeline || typeof pipeline.sendRequest !== 'function' || typeof baseUri !== 'string' || !conversations) return connector;
  const base = baseUri.endsWith('/') ? baseUri : `${baseUri}/`;
  // As the client itself decides for its operations: plain http only for an http service URL (local development).
  const allowInsecureConnection = base.toLowerCase().startsWith('http:');

  const post = async (path: string, activity: Partial<Activity>, conversationId?: string): Promise<ResourceResponse> => {
    const headers = createHttpHeaders({ 'content-type': 'application/json; charset=utf-8', accept: 'application/json' });
    if (conversationId !== undefined) headers.set(CONVERSATION_ID_HEADER, conversationId);
    const request = createPipelineRequest({ url: base + path, method: 'POST', headers, body: JSON.stringify(activity), allowInsecureConnection });
    const response = await pipeline.sendRequest(request);
    const body = parseBody(response.bodyAsText);
    if (response.status < 200 || response.status > 299) throw connectorError(request, response, body);
    const id = (body as { id?: unknown } | undefined)?.id;
    return typeof id === 'string' ? { id } : ({} as ResourceResponse);
  };

  const sendToConversation = (conversationId: string, activity: Partial<Activity>): Promise<ResourceResponse> =>
    post(`v3/conversations/${encodeURIComponent(conversationId)}/activities`, activity);
  const replyToActivity = (conversationId: string, activityId: string, activity: Partial<Activity>): Promise<ResourceResponse> =>
    post(`v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(activityId)}`, activity, conversationId);
  // botbuilder calls both with their three or four arguments only (no options, no callback).
  conversations.sendToConversation = sendToConversation as typeof conversations.sendToConversation;
  conversations.replyToActivity = replyToActivity as typeof conversations.replyToActivity;
  return connector;
}

function parseBody(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The error the mapped operation would throw: the connector's own message when it gave one, the status, the response. */
function connectorError(request: PipelineRequest, response: PipelineResponse, body: unknown): RestError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const message = typeof error?.message === 'string' && error.message ? error.message : `The Bot Connector answered ${response.status}.`;
  return new RestError(message, {
    statusCode: response.status,
    request,
    response,
    ...(typeof error?.code === 'string' ? { code: error.code } : {}),
  });
}
