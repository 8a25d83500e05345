import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

export type Fetch = typeof globalThis.fetch;

/**
 * msal-node's network module over the fetch we were given, so that the token requests go through the same
 * boundary as the Graph requests (tests hand both a fetch that reaches a local stub).
 */
export function fetchNetworkClient(fetchImpl: Fetch): INetworkModule {
  const send = async <T>(url: string, method: 'GET' | 'POST', options: NetworkRequestOptions | undefined, timeout?: number): Promise<NetworkResponse<T>> => {
    const response = await fetchImpl(url, {
      method,
      headers: options?.headers,
      body: method === 'POST' ? (options?.body ?? '') : undefined,
      signal: timeout ? AbortSignal.timeout(timeout) : undefined,
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const text = await response.text();
    // msal reads error bodies too (error, error_codes); a body that is not JSON becomes an empty object it rejects.
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = {};
    }
    return { headers, body: body as T, status: response.status };
  };
  return {
    sendGetRequestAsync: async <T>(url: string, options?: NetworkRequestOptions, timeout?: number) => send<T>(url, 'GET', options, timeout),
    sendPostRequestAsync: async <T>(url: string, options?: NetworkRequestOptions) => send<T>(url, 'POST', options),
  };
}
