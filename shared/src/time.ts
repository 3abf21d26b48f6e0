/** Wall-clock time in Europe/Stockholm, where the programme works. */
export const TIME_ZONE = 'Europe/Stockholm';

const ymdFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE });
const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' });

/** The Stockholm calendar date of an instant, as YYYY-MM-DD. */
export function stockholmDate(instant: Date): string {
  return ymdFormat.format(instant);
}

/** Minutes Stockholm is ahead of UTC at `instant` (60 in winter, 120 in summer). */
function offsetMinutes(instant: Date): number {
  const name = offsetFormat.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/** Stockholm's offset from UTC at `instant` as a reader abroad counts from it: "GMT+1", "GMT+2". */
export function stockholmOffset(instant: Date): string {
  const minutes = offsetMinutes(instant);
  const hours = Math.trunc(Math.abs(minutes) / 60);
  const rest = Math.abs(minutes) % 60;
  return `GMT${minutes < 0 ? '-' : '+'}${hours}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`;
}

/** The instant of a Stockholm wall-clock time, e.g. ("2026-04-13", "23:59:59.999"). */
export function stockholmInstant(ymd: string, time: string): Date {
  const asUtc = new Date(`${ymd}T${time}Z`);
  const first = new Date(asUtc.getTime() - offsetMinutes(asUtc) * 60_000);
  // Near a DST change the offset at the guessed instant can differ: settle on the second guess.
  return new Date(asUtc.getTime() - offsetMinutes(first) * 60_000);
}

/** YYYY-MM-DD plus `days` calendar days. */
export function addDays(ymd: string, days: number): string {
  const date = new Date(`${ymd}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const dayTimeFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIME_ZONE,
  dateStyle: 'short',
  timeStyle: 'short',
});

/** "2026-12-06 14:38": an instant as a clock in Sweden shows it, in the form staff and people read. */
export function stockholmDateTime(instant: Date): string {
  return dayTimeFormat.format(instant);
}
