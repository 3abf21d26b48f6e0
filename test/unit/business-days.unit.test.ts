import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  businessDaysBetween,
  firstResponseDeadline,
  isBusinessDay,
  stockholmDate,
  stockholmInstant,
  stockholmOffset,
} from '@tasteget/shared';

/** Registration at noon Stockholm time on `ymd`: the Stockholm date of its deadline. */
const dueDateFor = (ymd: string, time = '12:00:00') =>
  stockholmDate(firstResponseDeadline(stockholmInstant(ymd, time)));

describe('first-response deadline: five business days, Swedish holidays excluded', () => {
  it('skips weekends', () => {
    expect(dueDateFor('2026-11-24')).toBe('2026-12-01'); // Tuesday → next Tuesday
    expect(dueDateFor('2026-11-27')).toBe('2026-12-04'); // Friday → next Friday
    expect(dueDateFor('2026-11-28')).toBe('2026-12-04'); // Saturday counts from Monday
  });

  it('skips Easter: Thursday 2 April 2026 is due Monday 13 April', () => {
    expect(dueDateFor('2026-04-02')).toBe('2026-04-13');
    expect(isBusinessDay('2026-04-03')).toBe(false); // Good Friday
    expect(isBusinessDay('2026-04-06')).toBe(false); // Easter Monday
  });

  it('skips Midsummer Eve and Midsummer Day', () => {
    expect(isBusinessDay('2026-06-19')).toBe(false); // midsommarafton (a Friday)
    expect(dueDateFor('2026-06-17')).toBe('2026-06-25');
  });

  it('skips Christmas and New Year, eves included', () => {
    for (const day of ['2026-12-24', '2026-12-25', '2026-12-26', '2026-12-31', '2027-01-01', '2027-01-06']) {
      expect(isBusinessDay(day), day).toBe(false);
    }
    expect(dueDateFor('2026-12-22')).toBe('2027-01-04');
    expect(dueDateFor('2026-12-29')).toBe('2027-01-08'); // Epiphany on Wednesday 6 January
  });

  it('skips Ascension Day, National Day and May Day', () => {
    expect(isBusinessDay('2026-05-14')).toBe(false);
    expect(isBusinessDay('2026-05-01')).toBe(false);
    expect(isBusinessDay('2027-06-07')).toBe(true); // 6 June 2027 is a Sunday; Monday is a working day
  });

  it('counts the Stockholm date, not the UTC one, and ends at midnight Stockholm time', () => {
    // 23:30 UTC on Thursday 26 March is already Friday in Stockholm.
    expect(stockholmDate(firstResponseDeadline(new Date('2026-03-26T23:30:00Z')))).toBe('2026-04-07');
    // Summer time: the deadline is 23:59:59.999 local, 21:59:59.999 UTC.
    expect(firstResponseDeadline(new Date('2026-04-02T10:00:00Z')).toISOString()).toBe(
      '2026-04-13T21:59:59.999Z',
    );
    // Winter time: 22:59:59.999 UTC.
    expect(firstResponseDeadline(new Date('2026-11-24T10:00:00Z')).toISOString()).toBe(
      '2026-12-01T22:59:59.999Z',
    );
  });

  it("names Stockholm's offset from UTC as a reader abroad counts from it", () => {
    expect(stockholmOffset(new Date('2026-12-10T17:00:00Z'))).toBe('GMT+1');
    expect(stockholmOffset(new Date('2026-06-10T17:00:00Z'))).toBe('GMT+2');
    // The night summer time begins: 00:59 UTC is still winter, 01:00 UTC is summer.
    expect(stockholmOffset(new Date('2026-03-29T00:59:00Z'))).toBe('GMT+1');
    expect(stockholmOffset(new Date('2026-03-29T01:00:00Z'))).toBe('GMT+2');
  });

  it('counts business days between dates', () => {
    expect(businessDaysBetween('2026-04-02', '2026-04-13')).toBe(5);
    expect(businessDaysBetween('2026-04-13', '2026-04-13')).toBe(0);
    expect(addBusinessDays('2026-04-02', 1)).toBe('2026-04-07');
  });
});
