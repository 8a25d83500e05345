import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { startHttpBot } from '../helpers/httpBot.js';

/** Microsoft 365 Agents Playground (the devDependency), headless, talking to the bot like Teams would. */
function startPlayground(appEndpoint: string): Promise<{ child: ChildProcess; url: string }> {
  const bin = 'node_modules/.bin/agentsplayground';
  const child = spawn(bin, ['--app-endpoint', appEndpoint, '--channel-id', 'msteams', '--port', '0', '--disable-telemetry'], {
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the playground did not start')), 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const port = /Listening on (\d+)/.exec(line)?.[1];
      if (port) {
        clearTimeout(timer);
        resolve({ child, url: `http://127.0.0.1:${port}` });
      }
    });
    child.once('exit', (code) => reject(new Error(`the playground exited with ${code}`)));
  });
}

describe('the bot in Microsoft 365 Agents Playground', () => {
  let bot: Awaited<ReturnType<typeof startHttpBot>>;
  let playground: { child: ChildProcess; url: string };
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    bot = await startHttpBot();
    playground = await startPlayground(`${bot.base}/api/messages`);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(playground.url);
    await composeBox().waitFor({ timeout: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    playground?.child.kill('SIGTERM');
    await bot?.close();
  });

  const composeBox = () => page.locator('textarea, [contenteditable=true]').first();

  async function say(text: string): Promise<void> {
    const box = composeBox();
    await box.fill(text);
    await box.press('Enter');
  }

  it('runs an example from the welcome card when clicked', async () => {
    await page.getByRole('button', { name: 'I got blocked after too many attempts' }).first().click();
    await page.getByText('Did this fix it?').last().waitFor({ state: 'visible', timeout: 15_000 });
    await page.getByRole('button', { name: 'Yes, it is fixed' }).last().click();
    await page.getByText("glad it's sorted").last().waitFor({ state: 'visible', timeout: 15_000 });
  });

  it('answers a personal chat message with the resolution card and the feedback question', async () => {
    await say("I can't reset my password, it says SSPR_0013");
    await page.getByText('you are not in the group enabled for password reset').first().waitFor({ state: 'visible', timeout: 15_000 });
    await page.getByText('Did this fix it?').last().waitFor({ state: 'visible', timeout: 15_000 });
  });

  it('switches the card to the admin view with its button', async () => {
    await page.getByRole('button', { name: 'Show the admin view' }).last().click();
    await page.getByText('Selected groups').first().waitFor({ state: 'visible', timeout: 15_000 });
  });

  it('offers the next-best answer, then escalation, when the answer did not help', async () => {
    await page.getByRole('button', { name: 'No, that did not help' }).last().click();
    await page.getByText('may be this one instead').first().waitFor({ state: 'visible', timeout: 15_000 });
    await page.getByRole('button', { name: 'No, that did not help' }).last().click();
    await page.getByText('Microsoft support will need').first().waitFor({ state: 'visible', timeout: 15_000 });
  });

  it('answers a new problem told at an escalation question (SSPR_0013, no, no, then no SMS arrives)', async () => {
    await say('no text message ever arrives on my phone');
    await page.getByText('The password reset text (SMS) or phone call never arrives').last().waitFor({ state: 'visible', timeout: 15_000 });
  });

  it('closes the case on "thanks" after an answer, with no article', async () => {
    const cards = await page.getByText('Did this fix it?').count();
    const glad = page.getByText("glad it's sorted");
    const before = await glad.count();
    await say('thanks');
    await expect.poll(() => glad.count(), { timeout: 15_000 }).toBeGreaterThan(before);
    expect(await page.getByText('Did this fix it?').count()).toBe(cards);
  });

  it('answers a question of fact in the first reply', async () => {
    await say('how many tries before reset locks me out, and for how long');
    await page.getByText('Blocked from password reset after too many attempts').last().waitFor({ state: 'visible', timeout: 15_000 });
  });

  it('takes "can I talk to a person?" to the escalation at once', async () => {
    await say('can I talk to a person?');
    await page.getByText('get this to a person').last().waitFor({ state: 'visible', timeout: 15_000 });
    await say('start over');
    await page.getByText("let's start over").last().waitFor({ state: 'visible', timeout: 15_000 });
  });

  it('answers an @mention in a team channel, in the thread, with the agent view', async () => {
    await page.getByText('General').first().click();
    await page.locator('[contenteditable=true]').first().click({ force: true });
    await page.keyboard.type('@Test');
    await page.getByRole('menuitem', { name: 'Test Bot' }).click();
    await page.keyboard.type(' user gets SSPR_0013 when resetting');
    await page.getByRole('button', { name: 'Post' }).click();
    await page.getByText('For admins and helpdesk agents').first().waitFor({ state: 'visible', timeout: 15_000 });
    await page.getByText('SSPR is scoped to Selected groups').first().waitFor({ state: 'visible', timeout: 15_000 });
  });
}, 180_000);
