import { describe, expect, it } from 'vitest';
import { retryDelay } from '../../cms/src/mail/outbox';

describe('outbox retry delays', () => {
  it('double from the base delay up to the maximum', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelay(attempt, 30_000, 3_600_000))).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000,
    ]);
    expect(retryDelay(20, 30_000, 3_600_000)).toBe(3_600_000);
  });
});
