import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const withAuth = { MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'not-a-real-secret' };

describe('loadConfig', () => {
  it('listens on this machine only while authentication is off, and on every interface once it is on', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig(withAuth).host).toBe('0.0.0.0');
  });

  it('takes HOST when it is an address or a host name', () => {
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ ...withAuth, HOST: '::1' }).host).toBe('::1');
    expect(loadConfig({ HOST: 'localhost' }).host).toBe('localhost');
  });

  it.each(['http://0.0.0.0', '0.0.0.0:80', 'a b'])('refuses HOST=%s, naming the variable', (host) => {
    expect(() => loadConfig({ HOST: host })).toThrow(ConfigError);
    expect(() => loadConfig({ HOST: host })).toThrow(/^HOST:/);
  });

  it('reads PORT with the 3978 default and names a bad one', () => {
    expect(loadConfig({}).port).toBe(3978);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^PORT:/);
  });
});
