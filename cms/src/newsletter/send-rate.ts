import type { Core } from '@strapi/strapi';
import { isRefusal, sharedLimiter } from '../platform/shared-limits';

/**
 * NEWSLETTER_RATE_LIMIT is a rate for the whole platform, not per worker: every worker takes its
 * sends from one shared budget (platform/shared-limits.ts), so two workers on one campaign send
 * at the configured rate together. A worker takes the budget in chunks that divide a window's
 * points, so the workers' chunks fill a window exactly and none is wasted on a refusal; it then
 * sleeps until the window that refused it ends. nodemailer's own rate limit stays as each
 * process's ceiling, which the shared budget never exceeds.
 */
export interface SendRate {
  /** Resolves when one more mail may go out. */
  take(): Promise<void>;
}

/** A rate in mail per second as whole points per window (0.5/s is one mail per 2 s). */
export function rateWindow(perSecond: number): { points: number; duration: number } {
  return perSecond >= 1
    ? { points: Math.round(perSecond), duration: 1 }
    : { points: 1, duration: 1 / perSecond };
}

/** The largest divisor of `points` not above a tenth of it: small enough to share a window fairly. */
export function chunkOf(points: number): number {
  let chunk = Math.max(1, Math.floor(points / 10));
  while (points % chunk !== 0) chunk -= 1;
  return chunk;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function createSendRate(strapi: Core.Strapi, perSecond: number): Promise<SendRate> {
  const { points, duration } = rateWindow(perSecond);
  const limiter = await sharedLimiter(strapi, { name: 'newsletter-send', points, duration });
  const chunk = chunkOf(points);
  let allowance = 0;
  let refilling: Promise<void> | null = null;
  const refill = async () => {
    for (;;) {
      try {
        await limiter.consume('all', chunk);
        allowance += chunk;
        return;
      } catch (reason) {
        if (!isRefusal(reason)) throw reason;
        await sleep(Math.max(5, reason.msBeforeNext));
      }
    }
  };
  return {
    async take() {
      while (allowance <= 0) {
        refilling ??= refill().finally(() => (refilling = null));
        await refilling;
      }
      allowance -= 1;
    },
  };
}

let current: { perSecond: number; rate: Promise<SendRate> } | undefined;

/** This process's share of the platform's send rate; null when the rate is unlimited (0). */
export function sendRate(strapi: Core.Strapi, perSecond: number): Promise<SendRate> | null {
  if (perSecond <= 0) return null;
  if (current?.perSecond !== perSecond) {
    const rate = createSendRate(strapi, perSecond);
    // A store that failed to start is tried again by the next batch.
    rate.catch(() => current?.rate === rate && (current = undefined));
    current = { perSecond, rate };
  }
  return current.rate;
}

export function forgetSendRate() {
  current = undefined;
}
