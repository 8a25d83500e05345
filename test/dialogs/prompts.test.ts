import { describe, expect, it } from 'vitest';
import { buttonsOf, textOf, topicIdsOf } from '../helpers/botHarness.js';
import type { FactsAdvice } from '../../src/triage/index.js';
import { messages, startDialog } from './fakes.js';

type Chat = ReturnType<typeof startDialog>;

/** How to reach each prompt from a fresh conversation, and what its own answer (a button) looks like. */
const PROMPTS: ReadonlyArray<{ readonly name: string; readonly reach: (chat: Chat) => Promise<void>; readonly shows: RegExp }> = [
  { name: 'a follow-up question', reach: async ({ send }) => void (await send('the code never comes')), shows: /Question 1 of 3/ },
  {
    name: '"Which of these is it?"',
    reach: async ({ send }) => {
      await send('the code never comes');
      // No other question splits the three methods' topics.
      await send('Not sure');
    },
    shows: /Which of these is it/,
  },
  { name: '"Did this fix it?" (first round)', reach: async ({ send }) => void (await send('it says SSPR_0013')), shows: /Did this fix it/ },
  {
    name: '"Did this fix it?" (second round)',
    reach: async ({ send }) => {
      await send('the code never comes');
      await send('Not sure');
      await send('1');
      await send('no');
    },
    shows: /Then it may be this one instead/,
  },
  {
    name: 'an escalation question',
    reach: async ({ send }) => {
      await send('it says SSPR_0013');
      await send('no');
      await send('no');
    },
    shows: /Which page were you on/,
  },
];

/** What each kind of message must get, at any prompt. */
const MESSAGES: ReadonlyArray<{
  readonly kind: string;
  readonly said: string;
  readonly expect: (replies: Awaited<ReturnType<Chat['send']>>, prompt: string) => void;
}> = [
  {
    kind: 'a new problem',
    said: 'I get locked out for an hour after every attempt',
    expect: (replies) => expect(topicIdsOf(replies)).toContain('throttled'),
  },
  {
    kind: '"no, <new problem>"',
    said: 'no, I get locked out for an hour after every attempt',
    expect: (replies) => expect(topicIdsOf(replies)).toContain('throttled'),
  },
  {
    kind: 'a question of fact',
    said: 'what ports does writeback need open',
    expect: (replies) => expect(topicIdsOf(replies)[0]).toBe('writeback-ports'),
  },
  {
    kind: 'a greeting',
    said: 'hello',
    expect: (replies) => expect(textOf(replies)).toContain(messages.greetingAtPrompt),
  },
  {
    kind: 'thanks',
    said: 'thanks',
    expect: (replies) => {
      expect(topicIdsOf(replies)).toEqual([]);
      expect(textOf(replies)).toMatch(/welcome|Glad|glad/);
    },
  },
  {
    kind: '"that fixed it"',
    said: 'that fixed it',
    expect: (replies) => {
      expect(topicIdsOf(replies)).toEqual([]);
      expect(textOf(replies)).toMatch(/Glad|glad|welcome/);
    },
  },
  {
    kind: '"still broken"',
    said: 'still broken',
    expect: (replies, prompt) => {
      // After an answer it is a "no": the next-best topic or the escalation. Elsewhere it is read as the prompt's answer.
      if (prompt.includes('Did this fix it')) expect(textOf(replies)).toMatch(/may be this one instead|admin or Microsoft support will need/);
      expect(replies.length).toBeGreaterThan(0);
      expect(textOf(replies)).not.toContain(messages.error);
    },
  },
  {
    kind: 'a request for a person',
    said: 'can I talk to a person?',
    expect: (replies) => expect(textOf(replies)).toContain(messages.humanIntro),
  },
];

describe('every prompt listens', () => {
  for (const prompt of PROMPTS) {
    describe(`at ${prompt.name}`, () => {
      it('is reached as the test expects', async () => {
        const chat = startDialog();
        const replies: string[] = [];
        const send = chat.send;
        await prompt.reach({
          ...chat,
          send: async (a) => {
            const r = await send(a);
            replies.push(textOf(r));
            return r;
          },
        });
        expect(replies.at(-1)).toMatch(prompt.shows);
      });

      it.each(MESSAGES)('$kind: "$said"', async ({ said, expect: check }) => {
        const chat = startDialog();
        await prompt.reach(chat);
        check(await chat.send(said), prompt.name);
      });

      it('keeps what it waits for in the stored state, but not the question card it sent', async () => {
        const chat = startDialog();
        await prompt.reach(chat);
        const stored = JSON.stringify(chat.client.dialogContext.stack);
        expect(stored).toContain('"validations"');
        expect(stored).not.toContain('AdaptiveCard');
        expect(stored).not.toContain('"prompt"');
      });

      it('takes free text instead of a button', async () => {
        const chat = startDialog();
        await prompt.reach(chat);
        const replies = await chat.send('I think it was by email');
        // Never the error sentence, never silence: the free text is read as the prompt's answer or a description.
        expect(replies.length).toBeGreaterThan(0);
        expect(textOf(replies)).not.toContain(messages.error);
      });
    });
  }
});

describe('small talk closes or routes the case', () => {
  it('"thanks" after an answer closes the case as resolved and sends no article', async () => {
    const chat = startDialog();
    await chat.send('it says SSPR_0013');
    const replies = await chat.send('thanks');
    expect(topicIdsOf(replies)).toEqual([]);
    expect(chat.cases.outcomes).toEqual([{ topicId: 'group-missing', outcome: 'resolved' }]);
  });

  it('"can I talk to a person?" goes to the escalation at once and ends the case as escalated', async () => {
    const chat = startDialog();
    await chat.send('it says SSPR_0013');
    expect(textOf(await chat.send('can I talk to a person?'))).toContain('Which page were you on');
    await chat.send('skip');
    const summary = await chat.send('No');
    expect(textOf(summary)).toContain('Here is your summary');
    expect(chat.cases.outcomes).toEqual([{ topicId: 'group-missing', outcome: 'escalated' }]);
  });

  it('offers "Notify my admin" under the summary when an admin can fix it and admins listen', async () => {
    const chat = startDialog({ adminsListening: true });
    await chat.send('it says SSPR_0013');
    await chat.send('can I talk to a person?');
    await chat.send('skip');
    expect(buttonsOf(await chat.send('No'))).toContain('Notify my admin');
  });

  it('"still broken" after the case ended takes the feedback path (the next-best topic)', async () => {
    const chat = startDialog();
    await chat.send('the code never comes');
    await chat.send('An email');
    const replies = await chat.send('still broken');
    expect(textOf(replies)).toContain(messages.nextCandidateIntro);
  });

  it('a greeting with nothing open gets a short welcome', async () => {
    const chat = startDialog();
    expect(textOf(await chat.send('hi'))).toContain(messages.greeting);
  });

  it('a new problem at a prompt leaves the earlier case abandoned', async () => {
    const chat = startDialog();
    await chat.send('it says SSPR_0013');
    await chat.send('also, what about SSPR_0012');
    expect(chat.cases.outcomes).toEqual([{ topicId: 'group-missing', outcome: 'abandoned' }]);
    expect(chat.cases.file?.topicId).toBe('no-license');
  });
});

/** Account advice as the Graph module gives it, for the fake catalog's topics. */
function advice(overrides: Partial<FactsAdvice> = {}): FactsAdvice {
  return {
    answers: [],
    weights: {},
    section: { title: 'What I see for your account', facts: [{ title: 'Methods on file', value: 'Authenticator app (code)' }], note: 'Checked a moment ago.' },
    ...overrides,
  };
}

describe('account facts', () => {
  it('answer a facet question without asking it, when the facts port knows', async () => {
    const chat = startDialog({ facts: async () => ({ advice: advice({ answers: [{ questionId: 'method', values: ['app'] }] }) }) });
    const replies = await chat.send('the code never comes');
    expect(textOf(replies)).not.toContain('Question 1 of 3');
    expect(topicIdsOf(replies)).toEqual(['app-missing']);
  });

  it('answer the topic the facts settle instead of asking, with "What I see for your account" on the card', async () => {
    const settled = advice({ lead: { topicId: 'info-missing', reason: 'not-registered' } });
    const replies = await startDialog({ facts: async () => ({ advice: settled }) }).send('the code never comes');
    expect(textOf(replies)).not.toContain('Question 1 of 3');
    expect(topicIdsOf(replies)).toEqual(['info-missing']);
    expect(textOf(replies)).toContain('What I see for your account');
    expect(textOf(replies)).toContain('Authenticator app (code)');
  });

  it('show the section on the answer the person picks from "Which of these is it?"', async () => {
    const chat = startDialog({ facts: async () => ({ advice: advice() }) });
    await chat.send('the code never comes');
    expect(textOf(await chat.send('Not sure'))).toContain('Which of these is it');
    const picked = await chat.send('1');
    expect(topicIdsOf(picked)).toEqual(['sms-missing']);
    expect(textOf(picked)).toContain('What I see for your account');
  });

  it('leave the card without the section and ask as usual when there are no facts', async () => {
    const replies = await startDialog({ facts: async () => undefined }).send('the code never comes');
    expect(textOf(replies)).toContain('Question 1 of 3');
    expect(textOf(replies)).not.toContain('What I see for your account');
  });

  it('say the notice, then ask the usual question, when Graph could not answer', async () => {
    const replies = await startDialog({ facts: async () => ({ notice: "I couldn't check your account right now, so I'll ask instead." }) }).send(
      'the code never comes',
    );
    expect(textOf(replies)).toContain("I couldn't check your account right now");
    expect(textOf(replies)).toContain('Question 1 of 3');
  });
});
