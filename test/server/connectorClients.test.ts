import type { ConnectorClient } from 'botframework-connector';
import { ClaimsIdentity, ConnectorFactory } from 'botframework-connector';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { StrictBotFrameworkAuthentication } from '../../src/server/botAuthentication.js';
import { createConnectorClientCache, ReusingConnectorFactory } from '../../src/server/connectorClients.js';

class CountingFactory extends ConnectorFactory {
  created = 0;
  failNext = false;
  override async create(serviceUrl: string): Promise<ConnectorClient> {
    this.created++;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('credentials unreachable');
    }
    return { serviceUrl } as unknown as ConnectorClient;
  }
}

describe('ReusingConnectorFactory', () => {
  it('hands out one client per service URL and audience, across turns', async () => {
    const cache = createConnectorClientCache();
    const inner = new CountingFactory();
    const turn1 = new ReusingConnectorFactory(inner, 'app', cache);
    const turn2 = new ReusingConnectorFactory(new CountingFactory(), 'app', cache);
    const a = await turn1.create('https://smba.example/amer/', 'aud');
    expect(await turn2.create('https://smba.example/amer/', 'aud')).toBe(a);
    expect(await turn1.create('https://smba.example/emea/', 'aud')).not.toBe(a);
    expect(await turn1.create('https://smba.example/amer/', 'other')).not.toBe(a);
    expect(inner.created).toBe(3);
  });

  it('never shares a client between two apps', async () => {
    const cache = createConnectorClientCache();
    const a = await new ReusingConnectorFactory(new CountingFactory(), 'app-1', cache).create('https://s/');
    const b = await new ReusingConnectorFactory(new CountingFactory(), 'app-2', cache).create('https://s/');
    expect(b).not.toBe(a);
  });

  it('forgets a client whose creation failed, so the next turn tries again', async () => {
    const inner = new CountingFactory();
    const factory = new ReusingConnectorFactory(inner, 'app', createConnectorClientCache());
    inner.failNext = true;
    await expect(factory.create('https://s/')).rejects.toThrow('credentials unreachable');
    await expect(factory.create('https://s/')).resolves.toBeDefined();
    expect(inner.created).toBe(2);
  });
});

describe('StrictBotFrameworkAuthentication.createUserTokenClient', () => {
  const identity = (aud: string): ClaimsIdentity => new ClaimsIdentity([{ type: 'aud', value: aud }], true);

  it('builds one user-token client per app, not one per turn', async () => {
    const auth = new StrictBotFrameworkAuthentication({}, createLogger({ level: 'silent', logPii: false }));
    const first = await auth.createUserTokenClient(identity('app-1'));
    expect(await auth.createUserTokenClient(identity('app-1'))).toBe(first);
    expect(await auth.createUserTokenClient(identity('app-2'))).not.toBe(first);
  });
});
