import { ComponentRegistration } from 'botbuilder';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startChat, topicIdsOf } from '../helpers/botHarness.js';

/**
 * What the dialog machinery does per turn, which decides a turn's cost more than any one step does. botbuilder-dialogs
 * builds a DialogStateManager for every dialog context it creates, and each one registers the dialogs component
 * again: the calls count the dialog contexts of a turn.
 */
function countDialogContexts() {
  return vi.spyOn(ComponentRegistration, 'add');
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the dialog work of a turn', () => {
  it('answers a new problem through at most four dialog contexts (no routing dialog, no pass-through steps)', async () => {
    const chat = startChat();
    const contexts = countDialogContexts();
    const replies = await chat.send('it says SSPR_0013');
    expect(topicIdsOf(replies)).toContain('sspr-0013');
    // The root, the main dialog's inner context, the troubleshooting step that answers, the feedback prompt's step.
    expect(contexts.mock.calls.length).toBeGreaterThan(0);
    expect(contexts.mock.calls.length).toBeLessThanOrEqual(4);
  });

  it('answers a reply to a question through at most five', async () => {
    const chat = startChat();
    await chat.send("reset isn't working");
    const contexts = countDialogContexts();
    const replies = await chat.send('the text with the code never arrives on my phone');
    expect(topicIdsOf(replies).length).toBeGreaterThan(0);
    expect(contexts.mock.calls.length).toBeLessThanOrEqual(5);
  });

  it('builds the memory-scope configuration once, not on every turn', async () => {
    const chat = startChat();
    const seen: unknown[] = [];
    chat.adapter.use(async (context, next) => {
      await next();
      seen.push(context.turnState.get('DialogStateManagerConfiguration'));
    });
    await chat.send('it says SSPR_0013');
    await chat.send('yes');
    await chat.send('the code never comes');
    expect(seen).toHaveLength(3);
    expect(seen[0]).toBeDefined();
    expect(seen[1]).toBe(seen[0]);
    expect(seen[2]).toBe(seen[0]);
  });
});
