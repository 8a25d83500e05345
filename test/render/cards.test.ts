import type { Attachment } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { loadCatalog, type Topic } from '../../src/knowledge/index.js';
import {
  buildResolutionCardData,
  CardRenderer,
  CardTemplateError,
  CardTooLargeError,
  DEFAULT_CARDS_DIR,
  escapeMarkdown,
  MAX_CARD_BYTES,
  MAX_POSTBACK_CHARS,
  type CardDataByName,
  type CardName,
  type FeedbackCardData,
  type ResolutionCardData,
  type View,
} from '../../src/render/index.js';
import { actionsOf, activeMarkdown, displayedText, replyTexts, markdownTexts, nodesOf, schemaErrors, sdkEvents } from './cardChecks.js';

const catalog = loadCatalog();
const renderer = new CardRenderer();
const topic = (id: string): Topic => catalog.topic(id) ?? expect.unreachable(`no topic ${id}`);

const realistic = {
  followUp: {
    question: 'Which verification method were you using when it failed?',
    progress: 'Question 2 of 3',
    choices: [{ title: 'Text message' }, { title: 'Phone call' }, { title: 'Authenticator app' }, { title: 'Email' }],
  },
  feedback: { topicId: 'sspr-0013', question: 'Did this fix it?' },
  escalationSummary: {
    topicId: 'sspr-0013',
    canNotifyAdmin: true,
    title: 'Ready for your admin',
    topicTitle: 'SSPR_0013: you are not in the group enabled for password reset',
    who: 'Your admin',
    facts: [
      { title: 'User', value: 'adele.vance@contoso.com' },
      { title: 'Error', value: 'SSPR_0013' },
      { title: 'When', value: '2 May 2024, 09:14 (UTC+1)' },
    ],
    nextStep: 'Send this summary to your IT helpdesk and ask them to add you to the password reset group.',
  },
  welcome: {
    title: 'Password reset helper',
    intro: 'Tell me what went wrong when you tried to reset or change your work password, in your own words.',
    examples: ['I get SSPR_0013 when I reset my password', 'Event 33004 in the Application log', 'My account is locked'],
    commands: [
      { name: 'help', description: 'What I can do' },
      { name: 'start over', description: 'Forget this conversation and begin again' },
    ],
  },
  outOfScope: {
    message: 'I only help with resetting or changing your work or school password.',
    examples: ['I forgot my password', 'The reset page says I am not in the right group'],
  },
  adminNotification: {
    title: 'A user needs an admin',
    summary: '7 users hit SSPR_0012 in the last hour — check license assignment',
    topicTitle: 'SSPR_0012: required licenses for password reset are missing',
    facts: [
      { title: 'Who', value: 'Adele Vance (adele.vance@contoso.com)' },
      { title: 'When', value: '2024-05-02T09:14:00+01:00 (Europe/London)' },
    ],
    steps: ['Assign the required license to the user.', 'Ask the user to try again.'],
    sourceUrl: 'https://learn.microsoft.com/en-us/entra/identity/authentication/troubleshoot-sspr',
  },
  timeline: {
    title: 'Event log timeline',
    summary: '31001 PasswordResetStart → 33004 ADPermissionsError → 31003 PasswordResetFail',
    events: [
      { time: '2026-11-30 09:41:02', id: '31001', name: 'PasswordResetStart', kind: 'informational', isRootCause: false },
      { time: '2026-11-30 09:41:03', id: '33004', name: 'ADPermissionsError', kind: 'failure', isRootCause: true },
      { time: '2026-11-30 09:41:03', id: '31003', name: 'PasswordResetFail', kind: 'failure', isRootCause: false },
    ],
    verdict: 'Root cause: 33004 ADPermissionsError — the AD connector (ADMA) account lacks permission to set the password',
    steps: ['Give the AD DS connector account Reset password permission.', 'Allow up to one hour for sdprop.'],
    sourceUrl: 'https://learn.microsoft.com/en-us/entra/identity/authentication/troubleshoot-sspr-writeback',
  },
  runnersUp: {
    title: 'Other likely causes (click to see one):',
    topics: [
      { topicId: 'user-not-licensed', title: 'The user has no license that includes password reset', view: 'admin' },
      { topicId: 'configure-sspr', title: 'Password reset is not enabled for the user', view: 'admin' },
    ],
  },
  accountCheck: {
    account: {
      title: 'What I see for this account',
      facts: [
        { title: 'Password reset', value: 'Enabled, but security info is incomplete' },
        { title: 'Methods on file', value: 'None' },
        { title: 'Recent reset attempts', value: 'None in the last 24 hours' },
      ],
      note: 'Checked a moment ago; the directory may lag a few hours.',
    },
    summary: 'Nothing in this account points at one problem.',
  },
} satisfies Omit<CardDataByName, 'resolution'>;

/** "What I see for your account" as the answer card shows it. */
const ACCOUNT_SECTION = {
  title: 'What I see for your account',
  facts: [
    { title: 'Password reset', value: 'Ready to use' },
    { title: 'Methods on file', value: 'Mobile phone, Email' },
    { title: 'Recent reset attempts', value: 'Blocked at 09:41 today; you can try again from 09:41 tomorrow' },
  ],
  note: 'Checked a moment ago; the directory may lag a few hours.',
};

const HOSTILE = [
  '${topicId}',
  '${$host.topicId} ${join(codes, "")}',
  '[click](http://evil.example)',
  '<script>alert(1)</script>',
  '**bold**',
  '_italic_, `code` and ~~struck~~',
  '# a heading',
  '> a quote',
  '1. not a list',
  '- not a bullet',
  '&lt;b&gt; &#42;',
  '{{DATE(2017-02-14T06:00:00Z, SHORT)}}',
  'a \\*pre-escaped\\* text',
  'line one\n- line two\n2) line three',
] as const;

/** Every string of every card set to `text`, so whatever a template shows of its data is hostile. */
function hostileData(text: string): CardDataByName {
  return {
    resolution: {
      ...buildResolutionCardData(topic('sspr-0013'), 'user', { canNotifyAdmin: true }),
      topicId: text,
      title: text,
      viewLabel: text,
      codes: [text],
      cause: text,
      steps: [text, text],
      escalation: { who: text, summary: text, collect: [text] },
      otherViewLabel: text,
      account: { title: text, facts: [{ title: text, value: text }], note: text },
    },
    followUp: { question: text, progress: text, choices: [{ title: text }] },
    feedback: { topicId: text, question: text },
    escalationSummary: {
      topicId: text,
      canNotifyAdmin: true,
      title: text,
      topicTitle: text,
      who: text,
      facts: [{ title: text, value: text }],
      nextStep: text,
    },
    welcome: { title: text, intro: text, examples: [text], commands: [{ name: text, description: text }] },
    outOfScope: { message: text, examples: [text] },
    adminNotification: {
      title: text,
      summary: text,
      topicTitle: text,
      facts: [{ title: text, value: text }],
      steps: [text, text],
      sourceUrl: 'https://learn.microsoft.com/',
    },
    timeline: {
      title: text,
      summary: text,
      events: [
        { time: text, id: text, name: text, kind: text, isRootCause: true },
        { time: text, id: text, name: text, kind: 'failure', isRootCause: false },
      ],
      verdict: text,
      steps: [text],
      sourceUrl: 'https://learn.microsoft.com/',
    },
    runnersUp: { title: text, topics: [{ topicId: text, title: text, view: 'admin' }] },
    accountCheck: { account: { title: text, facts: [{ title: text, value: text }], note: text }, summary: text },
  };
}

interface Rendered {
  readonly label: string;
  readonly attachment: Attachment;
}

/** Each card of `all` with its name, typed so that render() accepts the pair. */
function entriesOf(all: Partial<CardDataByName>): Array<[CardName, CardDataByName[CardName]]> {
  return Object.entries(all) as Array<[CardName, CardDataByName[CardName]]>;
}

function renderAll(label: string, all: Partial<CardDataByName>): Rendered[] {
  return entriesOf(all).map(([name, data]) => ({ label: `${label} ${name}`, attachment: renderer.render(name, data) }));
}

const VIEWS: readonly View[] = ['user', 'admin'];
const resolutionCases = catalog.topics.flatMap((t) =>
  VIEWS.flatMap((view) =>
    [true, false].map((canNotifyAdmin) => ({
      label: `${t.id} ${view}${canNotifyAdmin ? ' notify' : ''}`,
      data: buildResolutionCardData(t, view, { canNotifyAdmin }),
    })),
  ),
);
const rendered: Rendered[] = [
  ...resolutionCases.map(({ label, data }) => ({ label, attachment: renderer.render('resolution', data) })),
  ...renderAll('realistic', realistic),
  ...VIEWS.map((view) => ({
    label: `reset-throttled ${view} with the account section`,
    attachment: renderer.render('resolution', {
      ...buildResolutionCardData(topic('reset-throttled'), view, { canNotifyAdmin: false }),
      account: ACCOUNT_SECTION,
    }),
  })),
  ...HOSTILE.flatMap((text) => renderAll(`hostile ${JSON.stringify(text)}`, hostileData(text))),
];

const cardOf = (attachment: Attachment): unknown => attachment.content as unknown;
/** Template prefixes in front of data: "1. " for a step, "- " for a bullet. */
const withoutListPrefix = (text: string): string => text.replace(/^(?:\d+\. |- )/, '');

describe('every rendered card', () => {
  it('covers every catalog topic in both views, with and without "Notify my admin"', () => {
    expect(catalog.topics.length).toBeGreaterThanOrEqual(99);
    expect(resolutionCases).toHaveLength(catalog.topics.length * 4);
  });

  it.each(rendered)('$label is an Adaptive Card attachment', ({ attachment }) => {
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardOf(attachment)).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  });

  it.each(rendered)('$label conforms to the Adaptive Card 1.5 schema', ({ attachment }) => {
    expect(schemaErrors(cardOf(attachment))).toEqual([]);
  });

  it.each(rendered)('$label parses in the adaptivecards SDK without errors or warnings', ({ attachment }) => {
    expect(sdkEvents(cardOf(attachment))).toEqual([]);
  });

  it.each(rendered)('$label is smaller than 28 KB as JSON', ({ attachment }) => {
    expect(Buffer.byteLength(JSON.stringify(attachment))).toBeLessThan(MAX_CARD_BYTES);
  });

  it.each(rendered)('$label wraps every TextBlock and leaves no binding unexpanded', ({ attachment, label }) => {
    const blocks = nodesOf(cardOf(attachment)).filter((node) => node.type === 'TextBlock');
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.filter((block) => block.wrap !== true)).toEqual([]);
    if (!label.startsWith('hostile')) expect(JSON.stringify(attachment)).not.toContain('${');
  });
});

describe('the resolution card', () => {
  const render = (id: string, view: View, canNotifyAdmin = false) =>
    cardOf(renderer.render('resolution', buildResolutionCardData(topic(id), view, { canNotifyAdmin })));

  it('numbers the fix steps of the view it shows', () => {
    const texts = markdownTexts(render('sspr-0013', 'admin'));
    const steps = topic('sspr-0013').fix.admin.map((step, i) => `${i + 1}. ${escapeMarkdown(step)}`);
    expect(texts).toEqual(expect.arrayContaining(steps));
    expect(texts).toContain(escapeMarkdown(topic('sspr-0013').cause.admin));
  });

  it.each([
    ['user', true, 'Show the admin view', 'admin', ['switchView', 'notifyAdmin']],
    ['user', false, 'Show the admin view', 'admin', ['switchView']],
    ['admin', true, 'Show what I can do', 'user', ['switchView', 'notifyAdmin']],
    ['admin', false, 'Show what I can do', 'user', ['switchView']],
  ] as const)('in the %s view with canNotifyAdmin %s offers "%s"', (view, canNotifyAdmin, title, otherView, kinds) => {
    const actions = actionsOf(render('sspr-0013', view, canNotifyAdmin));
    const submits = actions.filter((a) => a.type === 'Action.Submit');
    expect(submits.map((a) => (a.data as { action: string }).action)).toEqual(kinds);
    expect(actions).toContainEqual({
      type: 'Action.Submit',
      title,
      data: { action: 'switchView', topicId: 'sspr-0013', view: otherView },
    });
    if (canNotifyAdmin) {
      expect(actions).toContainEqual({
        type: 'Action.Submit',
        title: 'Notify my admin',
        data: { action: 'notifyAdmin', topicId: 'sspr-0013' },
      });
    }
    expect(actions).toContainEqual(expect.objectContaining({ type: 'Action.OpenUrl', title: 'Microsoft docs', url: topic('sspr-0013').source.url }));
  });

  it('shows the account section as a FactSet under its title, only when there is one', () => {
    const data = buildResolutionCardData(topic('reset-throttled'), 'user', { canNotifyAdmin: false });
    const withSection = cardOf(renderer.render('resolution', { ...data, account: ACCOUNT_SECTION }));
    expect(markdownTexts(withSection)).toEqual(expect.arrayContaining([escapeMarkdown(ACCOUNT_SECTION.title), escapeMarkdown(ACCOUNT_SECTION.note)]));
    const factSets = nodesOf(withSection).filter((node) => node.type === 'FactSet');
    expect(factSets.map((node) => node.facts)).toContainEqual(
      ACCOUNT_SECTION.facts.map((f) => ({ title: escapeMarkdown(f.title), value: escapeMarkdown(f.value) })),
    );
    expect(JSON.stringify(cardOf(renderer.render('resolution', data)))).not.toContain(ACCOUNT_SECTION.title);
  });

  it('leaves out the docs link when the source URL is not http(s)', () => {
    const data: ResolutionCardData = {
      ...buildResolutionCardData(topic('sspr-0013'), 'user', { canNotifyAdmin: false }),
      sourceUrl: 'javascript:alert(1)',
    };
    expect(actionsOf(cardOf(renderer.render('resolution', data))).map((a) => a.type)).toEqual(['Action.Submit']);
  });
});

describe('buildResolutionCardData', () => {
  const withCode = (type: string, value: string): Topic =>
    catalog.topics.find((t) => t.codes.some((c) => c.type === type && c.value === value)) ?? expect.unreachable(`no topic with ${type} ${value}`);

  it.each([
    ['sspr', 'SSPR_0013', 'SSPR_0013'],
    ['event', '33004', 'Event 33004'],
    ['hresult', '800700CE', 'hr=800700CE'],
  ])('shows the %s code %s as %s', (type, value, shown) => {
    expect(buildResolutionCardData(withCode(type, value), 'user', { canNotifyAdmin: false }).codes).toContain(shown);
  });

  it('leaves code names such as UserNotMemberOfScopedAccessGroup out of the codes', () => {
    const data = buildResolutionCardData(topic('sspr-0013'), 'admin', { canNotifyAdmin: false });
    expect(data.codes).toEqual(['SSPR_0013']);
  });

  it.each([
    ['user', 'user', 'You'],
    ['user', 'admin', 'Your admin'],
    ['user', 'microsoft-support', 'Microsoft support'],
    ['admin', 'user', 'The user'],
    ['admin', 'admin', 'An admin'],
    ['admin', 'microsoft-support', 'Microsoft support'],
  ] as const)('in the %s view names the %s actor "%s"', (view, actor, who) => {
    const t = catalog.topics.find((candidate) => candidate.escalation.actor === actor) ?? expect.unreachable(actor);
    expect(buildResolutionCardData(t, view, { canNotifyAdmin: false }).escalation.who).toBe(who);
  });

  it.each(VIEWS)('takes the cause and the fix of the %s view and offers the other view', (view) => {
    const t = topic('sspr-0013');
    expect(buildResolutionCardData(t, view, { canNotifyAdmin: true })).toMatchObject({
      topicId: 'sspr-0013',
      view,
      cause: t.cause[view],
      steps: t.fix[view],
      otherView: view === 'user' ? 'admin' : 'user',
      sourceUrl: t.source.url,
      canNotifyAdmin: true,
    });
  });
});

describe('the other cards', () => {
  it('asks the follow-up question with one reply button per choice and a hint to type instead', () => {
    const card = cardOf(renderer.render('followUp', realistic.followUp));
    expect(replyTexts(card)).toEqual(realistic.followUp.choices.map((c) => c.title));
    expect(actionsOf(card).map((a) => a.title)).toEqual(realistic.followUp.choices.map((c) => c.title));
    expect(markdownTexts(card)).toEqual(['Question 2 of 3', realistic.followUp.question, 'Or just type your answer.']);
  });

  it('asks "Did this fix it?" with a yes and a no that post back as the user', () => {
    const card = cardOf(renderer.render('feedback', realistic.feedback));
    expect(markdownTexts(card)).toEqual(['Did this fix it?']);
    expect(replyTexts(card)).toEqual(['Yes, it is fixed', 'No, that did not help']);
  });

  it('welcomes with the examples as buttons and the commands as facts', () => {
    const card = cardOf(renderer.render('welcome', realistic.welcome));
    expect(replyTexts(card)).toEqual(realistic.welcome.examples);
    expect(nodesOf(card).find((node) => node.type === 'FactSet')).toMatchObject({
      facts: realistic.welcome.commands.map((c) => ({ title: c.name, value: c.description })),
    });
  });

  it('answers an out-of-scope request with the message and in-scope examples as buttons', () => {
    const card = cardOf(renderer.render('outOfScope', realistic.outOfScope));
    expect(markdownTexts(card)[0]).toBe(realistic.outOfScope.message);
    expect(replyTexts(card)).toEqual(realistic.outOfScope.examples);
  });

  it('summarises an escalation: topic, who should act, the facts and the next step', () => {
    const card = cardOf(renderer.render('escalationSummary', realistic.escalationSummary));
    const texts = markdownTexts(card).map(displayedText);
    const { title, topicTitle, who, nextStep, facts } = realistic.escalationSummary;
    expect(texts).toEqual(expect.arrayContaining([title, topicTitle, 'Who should act', who, nextStep]));
    expect(nodesOf(card).find((node) => node.type === 'FactSet')).toMatchObject({ facts });
    expect(actionsOf(card)).toEqual([expect.objectContaining({ title: 'Notify my admin', data: { action: 'notifyAdmin', topicId: 'sspr-0013' } })]);
  });

  it.each([
    ['welcome', { title: 'Hi', intro: 'Ask me.', examples: [], commands: [] }],
    ['outOfScope', { message: 'Not mine to answer.', examples: [] }],
    ['escalationSummary', { topicId: '', canNotifyAdmin: false, title: 'Summary', topicTitle: 'Topic', who: 'Your admin', facts: [], nextStep: 'Wait.' }],
  ] as const)('renders the %s card without its empty lists', (name, data) => {
    const card = cardOf(renderer.render(name, data));
    expect(schemaErrors(card)).toEqual([]);
    expect(sdkEvents(card)).toEqual([]);
    expect(actionsOf(card)).toEqual([]);
  });
});

describe('user text in a card', () => {
  it.each(HOSTILE)('shows %j literally wherever the card displays it', (text) => {
    for (const [name, data] of entriesOf(hostileData(text))) {
      const texts = markdownTexts(cardOf(renderer.render(name, data)));
      const fromData = texts.map(withoutListPrefix).filter((t) => displayedText(t) === text);
      expect(fromData.length, name).toBeGreaterThan(0);
      expect(fromData.flatMap(activeMarkdown), name).toEqual([]);
    }
  });

  it.each(HOSTILE)('posts %j back unchanged from buttons and submit data', (text) => {
    const data = hostileData(text);
    for (const name of ['followUp', 'welcome', 'outOfScope'] as const) {
      const card = cardOf(renderer.render(name, data[name]));
      expect(replyTexts(card), name).toEqual([text]);
      expect(
        actionsOf(card).map((a) => a.title),
        name,
      ).toEqual([text]);
    }
    const submits = actionsOf(cardOf(renderer.render('resolution', data.resolution))).filter((a) => a.type === 'Action.Submit');
    expect(submits.map((a) => (a.data as { topicId: string }).topicId)).toEqual([text, text]);
  });

  it('is not expanded by the templating engine: ${topicId} stays as typed', () => {
    const card = cardOf(renderer.render('feedback', { topicId: 'sspr-0013', question: 'Is ${topicId} fixed?' }));
    expect(markdownTexts(card)).toEqual(['Is ${topicId} fixed?']);
  });

  it('keeps Teams from formatting {{DATE()}} and drops indentation that would make a code block', () => {
    const date = '{{DATE(2017-02-14T06:00:00Z, SHORT)}}';
    expect(escapeMarkdown(date)).toBe('{\u200B{DATE(2017-02-14T06:00:00Z, SHORT)}}');
    expect(escapeMarkdown('see:\n    indented')).toBe('see:\nindented');
  });

  it.each([
    ['SSPR_0013', 'SSPR_0013'],
    ['Azure AD > Password reset', 'Azure AD > Password reset'],
    ['Security & privacy', 'Security & privacy'],
    ['*.servicebus.windows.net', '\\*.servicebus.windows.net'],
    ['_private', '\\_private'],
  ])('escapes only what markdown would act on: %j becomes %j', (text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });
});

describe('a card too large for Teams', () => {
  const long = 'Check the on-premises password policy and the writeback connectivity again. '.repeat(60);
  const huge: ResolutionCardData = {
    ...buildResolutionCardData(topic('sspr-0013'), 'user', { canNotifyAdmin: true }),
    cause: long,
    steps: Array.from({ length: 200 }, (_, i) => `Step ${i + 1}: ${long}`),
    escalation: { who: 'Your admin', summary: long, collect: Array.from({ length: 100 }, () => long) },
  };

  it('is trimmed below 28 KB, the cut text and lists marked with "…", the same way every time', () => {
    const attachment = renderer.render('resolution', huge);
    expect(Buffer.byteLength(JSON.stringify(attachment))).toBeLessThan(MAX_CARD_BYTES);
    expect(renderer.render('resolution', huge)).toEqual(attachment);
    const texts = markdownTexts(cardOf(attachment));
    expect(texts.some((t) => t.length > 100 && t.endsWith('…'))).toBe(true);
    expect(texts.filter((t) => /^\d+\. …$/.test(t))).toHaveLength(1);
    expect(schemaErrors(cardOf(attachment))).toEqual([]);
  });

  it('keeps the topic id and the source URL whole when trimming', () => {
    const actions = actionsOf(cardOf(renderer.render('resolution', { ...huge, topicId: `topic-${'x'.repeat(300)}` })));
    expect(actions.map((a) => (a.data as { topicId?: string } | undefined)?.topicId ?? a.url)).toEqual([
      `topic-${'x'.repeat(300)}`,
      `topic-${'x'.repeat(300)}`,
      huge.sourceUrl,
    ]);
  });

  it('bounds button text posted back as the user', () => {
    const card = cardOf(renderer.render('outOfScope', { message: 'No.', examples: ['y'.repeat(5000)] }));
    expect(replyTexts(card).map((v) => Array.from(v).length)).toEqual([MAX_POSTBACK_CHARS]);
  });

  it('fails with CardTooLargeError when even the most trimmed card is over the hard limit', () => {
    const strict = new CardRenderer(DEFAULT_CARDS_DIR, { maxBytes: 500, hardMaxBytes: 1000 });
    expect(() => strict.render('resolution', huge)).toThrow(CardTooLargeError);
  });
});

describe('a card rendered again', () => {
  it('is the same frozen card: nothing that sends it can change what the next person gets', () => {
    const data = buildResolutionCardData(topic('sspr-0013'), 'user', { canNotifyAdmin: false });
    const first = renderer.render('resolution', data);
    const again = renderer.render('resolution', { ...data });
    expect(again).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    const body = (cardOf(first) as { body: unknown[] }).body;
    expect(() => body.push({ type: 'TextBlock', text: 'changed' })).toThrow(TypeError);
    expect(() => Object.assign(cardOf(first) as object, { version: '0.1' })).toThrow(TypeError);
    // Other data is another card.
    expect(renderer.render('resolution', { ...data, canNotifyAdmin: true })).not.toBe(first);
  });
});

describe('the card templates', () => {
  it('fail with CardTemplateError when the data lacks a field a template binds', () => {
    const data = { topicId: 'sspr-0013' } as unknown as FeedbackCardData;
    expect(() => renderer.render('feedback', data)).toThrow(CardTemplateError);
    expect(() => renderer.render('feedback', data)).toThrow(/question/);
  });

  it('fail with CardTemplateError when the cards folder is missing', () => {
    expect(() => new CardRenderer('/nonexistent/cards')).toThrow(CardTemplateError);
  });
});
