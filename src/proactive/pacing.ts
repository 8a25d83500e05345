import Bottleneck from 'bottleneck';

/**
 * Teams' documented limits for a bot, as Bottleneck settings.
 *
 * Per bot: about 50 requests a second. One limiter starts the sends 25 ms apart (at most 40 in any second, evenly
 * spread) with at most 4 in flight. The headroom is for the time between a send's start here and its request reaching
 * Teams, which varies with the event loop: a stall releases the sends started meanwhile together, so fewer in flight
 * means smaller bursts. Measured by the throttling stub of bench/fanout.ts on a busy host (load 12 on 2 cores): 22 ms
 * and 16 in flight let 51 requests land in one second; 25 ms and 16, 45–49; 25 ms and 4, 43, at the same 39 a second.
 *
 * Per conversation: 7 a second, 60 in 30 seconds, 1,800 an hour. One send at a time per conversation, started at
 * least 167 ms apart (so however long the bot-wide queue holds a send, any 8 sends span more than a second), and a
 * token bucket of 30 refilled one token every 2,050 ms: at most 30 + 15 sends in any 30 s and 30 + 1,756 in any hour.
 * Idle conversations are forgotten after two minutes, by which time their bucket would have refilled anyway.
 */
export const TEAMS_PACING: PacingOptions = {
  bot: { minTime: 25, maxConcurrent: 4 },
  conversation: {
    minTime: 167,
    bucket: 30,
    refillEveryMs: 2_050,
    forgetAfterMs: 120_000,
  },
};

export interface PacingOptions {
  /** minTime spaces the sends' starts; a few in flight at once hide network latency. */
  readonly bot: { readonly minTime: number; readonly maxConcurrent: number };
  readonly conversation: {
    readonly minTime: number;
    readonly bucket: number;
    readonly refillEveryMs: number;
    readonly forgetAfterMs: number;
  };
}

/**
 * Runs each send when both its conversation and the bot as a whole may send. A conversation's limiter hands its
 * job on to the bot-wide one (Bottleneck's chain), so the bot-wide spacing applies to the send itself.
 */
export class Pacer {
  readonly #bot: Bottleneck;
  readonly #conversations: Bottleneck.Group;

  constructor(options: PacingOptions = TEAMS_PACING) {
    this.#bot = new Bottleneck({
      minTime: options.bot.minTime,
      maxConcurrent: options.bot.maxConcurrent,
    });
    const c = options.conversation;
    this.#conversations = new Bottleneck.Group({
      maxConcurrent: 1,
      minTime: c.minTime,
      reservoir: c.bucket,
      reservoirIncreaseAmount: 1,
      reservoirIncreaseInterval: c.refillEveryMs,
      reservoirIncreaseMaximum: c.bucket,
      timeout: c.forgetAfterMs,
    });
  }

  /** Runs `send` in its turn; resolves or rejects with it. */
  schedule<T>(conversationKey: string, send: () => Promise<T>): Promise<T> {
    return this.#conversations.key(conversationKey).chain(this.#bot).schedule(send);
  }

  /** Conversations with a limiter right now (bounded by the idle timeout). */
  get conversations(): number {
    return this.#conversations.keys().length;
  }

  /** Drops queued sends (they reject) and stops the limiters' timers. */
  async stop(): Promise<void> {
    const limiters = this.#conversations.limiters();
    await Promise.all([...limiters.map(({ limiter }) => limiter.stop({ dropWaitingJobs: true })), this.#bot.stop({ dropWaitingJobs: true })]);
  }
}
