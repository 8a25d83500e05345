import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainText } from '../../src/bot/messageExtension.js';
import { BOT } from '../helpers/activities.js';
import { startHttpBot } from '../helpers/httpBot.js';

type Bot = Awaited<ReturnType<typeof startHttpBot>>;
let bot: Bot;
beforeAll(async () => {
  bot = await startHttpBot();
});
afterAll(async () => bot.close());

function invoke(name: string, value: unknown): Promise<Response> {
  return bot.post('/api/messages', {
    type: 'invoke',
    name,
    value,
    id: 'invoke-1',
    channelId: 'msteams',
    serviceUrl: bot.stub.url,
    from: { id: '29:agent', name: 'Agent', aadObjectId: 'aad-agent' },
    recipient: BOT,
    conversation: { id: '19:support@thread.tacv2', conversationType: 'channel', tenantId: 't' },
    channelData: { tenant: { id: 't' } },
  });
}

const topicIds = (body: unknown): string[] => [...new Set([...JSON.stringify(body).matchAll(/"topicId":"([a-z0-9-]+)"/g)].map((m) => m[1]!))];

describe('the message extension', () => {
  it('finds topics by code and inserts the resolution card with a preview', async () => {
    const response = await invoke('composeExtension/query', { commandId: 'searchTopics', parameters: [{ name: 'query', value: 'SSPR_0013' }] });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { composeExtension: { attachments: Array<{ contentType: string; preview: { content: { title: string } } }> } };
    expect(body.composeExtension.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(body.composeExtension.attachments[0]!.preview.content.title).toContain('SSPR_0013');
    expect(topicIds(body)[0]).toBe('sspr-0013');
  });

  it('finds topics from a few words', async () => {
    const response = await invoke('composeExtension/query', { commandId: 'searchTopics', parameters: [{ name: 'query', value: 'sms code never arrives' }] });
    expect(topicIds(await response.json())).toContain('sms-or-call-not-received');
  });

  it('returns no results, not an error, for an empty or hostile query', async () => {
    for (const value of ['', 'x'.repeat(100_000), 42]) {
      const response = await invoke('composeExtension/query', { commandId: 'searchTopics', parameters: [{ name: 'query', value }] });
      expect(response.status).toBe(200);
    }
  });

  it('diagnoses a message it is run on and offers the answer card', async () => {
    const response = await invoke('composeExtension/submitAction', {
      commandId: 'diagnoseMessage',
      commandContext: 'message',
      messagePayload: { body: { contentType: 'html', content: '<p>Hi helpdesk, I keep getting <b>SSPR_0012</b> when resetting</p>' } },
      data: {},
    });
    expect(response.status).toBe(200);
    expect(topicIds(await response.json())).toEqual(['sspr-0012']);
  });

  it('says so when the message is not about a password problem', async () => {
    const response = await invoke('composeExtension/submitAction', {
      commandId: 'diagnoseMessage',
      messagePayload: { body: { contentType: 'html', content: '<p>who wants pizza for lunch?</p>' } },
    });
    const body = (await response.json()) as { task: { type: string; value: string } };
    expect(body.task.value).toMatch(/couldn't find a password reset problem/);
  });

  it('turns Teams HTML into plain words', () => {
    expect(plainText('<div>a<br/>b &amp; c<script>x()</script></div>')).toBe('a\nb & c');
  });
});
