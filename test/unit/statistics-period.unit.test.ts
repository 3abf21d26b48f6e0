import { describe, expect, it } from 'vitest';
import { defaultStatisticsPeriod } from '@tasteget/shared/browser';

// The CMS counts a visit on its Stockholm date, so the admin's default period must end on it too.
describe("the statistics' default period", () => {
  it('ends on the Stockholm date just after midnight, when UTC is still on the day before', () => {
    expect(defaultStatisticsPeriod(new Date('2026-12-05T23:30:00Z'))).toEqual({
      from: '2026-11-07',
      to: '2026-12-06',
    });
    // Summer time: Stockholm is two hours ahead.
    expect(defaultStatisticsPeriod(new Date('2026-07-01T22:15:00Z')).to).toBe('2026-07-02');
  });

  it('covers thirty days, today included', () => {
    expect(defaultStatisticsPeriod(new Date('2026-03-01T10:00:00Z'))).toEqual({
      from: '2026-01-31',
      to: '2026-03-01',
    });
  });
});
