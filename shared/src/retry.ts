/**
 * The one backoff of the project's queues (the intake inbox, the mail outbox, newsletter
 * deliveries): the delay doubles from a base up to a ceiling, and a queue may give up after a
 * number of attempts.
 */
export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  /** Give up (dead-letter the item) after this many attempts; Infinity never gives up. */
  maxAttempts: number;
}

/**
 * Delay before attempt `attempt + 1` after `attempt` failed attempts (1-based): base·2^(n−1),
 * capped. `jitter` (0–1) spreads workers that failed together.
 */
export function retryDelay(
  attempt: number,
  policy: Pick<RetryPolicy, 'baseMs' | 'maxMs'>,
  jitter = 0,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  const delay = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(exponent, 30));
  return Math.round(delay * (1 - jitter * random()));
}
