import { describe, expect, it } from 'vitest';
import { retryDelay } from '../../shared/src/retry';

describe('retry delays of the queues (outbox, inbox, deliveries)', () => {
  it('double from the base delay up to the maximum', () => {
    const policy = { baseMs: 30_000, maxMs: 3_600_000 };
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelay(attempt, policy))).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000,
    ]);
    expect(retryDelay(20, policy)).toBe(3_600_000);
  });
});
