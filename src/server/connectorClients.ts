import type { ConnectorClient } from 'botframework-connector';
import { ConnectorFactory } from 'botframework-connector';
import { LRUCache } from 'lru-cache';
import { postActivitiesAsPlainJson } from './plainJsonActivities.js';

/** Connector clients kept for reuse, by app, service URL and audience: a bot talks to a handful of service URLs. */
export type ConnectorClientCache = LRUCache<string, Promise<ConnectorClient>>;

export const createConnectorClientCache = (): ConnectorClientCache => new LRUCache({ max: 200 });

/**
 * A connector factory that hands out one client per service URL instead of a new one every turn. botbuilder builds a
 * fresh ConnectorClient (HTTP pipeline, credentials lookup) for each activity; the client holds no per-turn state,
 * and its credentials cache and renew their own token, so one per (app, service URL, audience) serves every turn.
 * Its messages go out as plain JSON (plainJsonActivities.ts).
 */
export class ReusingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appKey: string,
    private readonly cache: ConnectorClientCache,
  ) {
    super();
  }

  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = `${this.appKey}|${serviceUrl}|${audience ?? ''}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const created = this.inner.create(serviceUrl, audience).then(postActivitiesAsPlainJson);
    this.cache.set(key, created);
    // A failed creation (credentials not reachable) must not be remembered.
    created.catch(() => this.cache.delete(key));
    return created;
  }
}
