import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const TENANT = '7c1f3a52-5a0e-4a8e-9d3b-2b6f0c9e1a11';
const CLIENT = '0b9d6a44-3f1e-4c2a-8e57-6d4c2a1b9f22';
const GROUP = 'a6e0c1d2-7b3f-4e59-9c1a-0f2e3d4c5b66';

const errorOf = (env: Record<string, string>): ConfigError => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('Graph settings in loadConfig', () => {
  it('leaves Graph off when nothing is set', () => {
    const config = loadConfig({});
    expect(config.graph).toBeUndefined();
    expect(config.agentGroupId).toBeUndefined();
  });

  it("falls back to the bot's own registration and the public cloud hosts", () => {
    const config = loadConfig({ MicrosoftAppId: CLIENT, MicrosoftAppPassword: 'bot-secret', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT });
    expect(config.graph).toEqual({
      tenantId: TENANT,
      clientId: CLIENT,
      clientSecret: 'bot-secret',
      endpoint: 'https://graph.microsoft.com',
      authorityHost: 'https://login.microsoftonline.com',
    });
  });

  it('prefers its own variables and drops trailing slashes', () => {
    const config = loadConfig({
      MicrosoftAppId: CLIENT,
      MicrosoftAppPassword: 'bot-secret',
      GRAPH_TENANT_ID: 'contoso.onmicrosoft.com',
      GRAPH_CLIENT_ID: GROUP,
      GRAPH_CLIENT_SECRET: 'graph-secret',
      GRAPH_ENDPOINT: 'https://graph.microsoft.us/',
      GRAPH_AUTHORITY_HOST: 'https://login.microsoftonline.us/',
      AGENT_GROUP_ID: GROUP.toUpperCase(),
    });
    expect(config.graph).toMatchObject({
      tenantId: 'contoso.onmicrosoft.com',
      clientId: GROUP,
      clientSecret: 'graph-secret',
      endpoint: 'https://graph.microsoft.us',
      authorityHost: 'https://login.microsoftonline.us',
    });
    expect(config.agentGroupId).toBe(GROUP);
  });

  it('stays off for a multi-tenant bot without a tenant id', () => {
    expect(loadConfig({ MicrosoftAppId: CLIENT, MicrosoftAppPassword: 'bot-secret' }).graph).toBeUndefined();
  });

  it.each([
    [{ GRAPH_ENDPOINT: 'http://graph.example.com' }, 'GRAPH_ENDPOINT'],
    [{ GRAPH_ENDPOINT: 'not a url' }, 'GRAPH_ENDPOINT'],
    [{ GRAPH_ENDPOINT: 'https://graph.microsoft.com?x=1' }, 'GRAPH_ENDPOINT'],
    [{ GRAPH_AUTHORITY_HOST: 'http://127.0.0.1:8080' }, 'GRAPH_AUTHORITY_HOST'],
    [{ GRAPH_TENANT_ID: 'not a tenant', GRAPH_CLIENT_ID: CLIENT, GRAPH_CLIENT_SECRET: 's' }, 'GRAPH_TENANT_ID'],
    [{ GRAPH_TENANT_ID: TENANT, GRAPH_CLIENT_ID: 'my-app', GRAPH_CLIENT_SECRET: 's' }, 'GRAPH_CLIENT_ID'],
    [{ AGENT_GROUP_ID: 'helpdesk' }, 'AGENT_GROUP_ID'],
  ])('rejects %j naming %s', (env, variable) => {
    expect(errorOf(env).variable).toBe(variable);
  });

  it('accepts plain http only on the loopback interface (a local stub)', () => {
    const config = loadConfig({ GRAPH_TENANT_ID: TENANT, GRAPH_CLIENT_ID: CLIENT, GRAPH_CLIENT_SECRET: 's', GRAPH_ENDPOINT: 'http://127.0.0.1:4010' });
    expect(config.graph?.endpoint).toBe('http://127.0.0.1:4010');
  });
});
