import Holidays from 'date-holidays';
import { addDays, stockholmDate, stockholmInstant } from './time';

/**
 * Business days of the relocation guides: Monday to Friday, except Swedish public holidays and the
 * three eves that Swedish working life treats as Sundays (midsommarafton, julafton, nyårsafton;
 * `date-holidays` lists them as "bank" days).
 */
const swedishHolidays = new Holidays('SE');
const NON_WORKING_TYPES = new Set(['public', 'bank']);

/** Days of first response the agreement gives: five business days. */
export const FIRST_RESPONSE_BUSINESS_DAYS = 5;

export function isBusinessDay(ymd: string): boolean {
  const noon = new Date(`${ymd}T12:00:00Z`);
  const weekday = noon.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const holidays = swedishHolidays.isHoliday(noon) || [];
  return !holidays.some((h) => NON_WORKING_TYPES.has(h.type));
}

/** The date `count` business days after `ymd` (which itself does not count). */
export function addBusinessDays(ymd: string, count: number): string {
  let day = ymd;
  for (let left = count; left > 0;) {
    day = addDays(day, 1);
    if (isBusinessDay(day)) left -= 1;
  }
  return day;
}

/** Business days from one date to a later one: 0 on the same day, 1 when `to` is the next business day. */
export function businessDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let day = from; day < to;) {
    day = addDays(day, 1);
    if (isBusinessDay(day)) count += 1;
  }
  return count;
}

/**
 * The first-response deadline of a contact registered at `registeredAt`: the end of the fifth
 * business day after the registration date, Stockholm time. Computed once and stored.
 */
export function firstResponseDeadline(registeredAt: Date): Date {
  const dueDate = addBusinessDays(stockholmDate(registeredAt), FIRST_RESPONSE_BUSINESS_DAYS);
  return stockholmInstant(dueDate, '23:59:59.999');
}
