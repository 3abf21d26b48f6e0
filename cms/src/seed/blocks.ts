import type { Paragraphs } from './data/types';

/** Strapi "blocks" rich text from plain paragraphs. */
export function paragraphs(texts: Paragraphs) {
  return texts.map((text) => ({ type: 'paragraph' as const, children: [{ type: 'text' as const, text }] }));
}

/** The instant of a local Europe/Stockholm wall-clock time `days` from `from`. */
export function stockholmTime(from: Date, days: number, time: string): Date {
  const [hours, minutes] = time.split(':').map(Number);
  const day = new Date(from.getTime() + days * 86_400_000);
  const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm' }).format(day);
  const asUtc = new Date(`${ymd}T${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}:00Z`);
  const offset = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Europe/Stockholm',
    timeZoneName: 'longOffset',
  })
    .formatToParts(asUtc)
    .find((p) => p.type === 'timeZoneName')?.value; // e.g. "GMT+01:00"
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(offset ?? '');
  const offsetMinutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  return new Date(asUtc.getTime() - offsetMinutes * 60_000);
}
