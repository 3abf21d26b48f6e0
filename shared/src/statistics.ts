import { z } from 'zod';
import { defineOptions } from './labels';
import { MUNICIPALITY_SLUGS } from './municipalities';
import { addDays, stockholmDate } from './time';

/**
 * The portal's cookie-free visitor statistics: what a page's beacon may send to the CMS. A page
 * view names its path, the referring site's address (the CMS keeps only the host) and the
 * campaign's UTM tags; a conversion (a form sent) names its kind, the visit's landing page and
 * source, and the municipality chosen. Nothing identifies the visitor.
 */
export const STATS_ENDPOINT = '/api/stats/hits';
/** The most a beacon may weigh: the CMS refuses anything larger. */
export const BEACON_MAX_BYTES = 1024;

export const CONVERSION_KINDS = defineOptions({
  registration: { sv: 'Registreringar', en: 'Registrations' },
  'magazine-order': { sv: 'Beställningar av magasinet', en: 'Magazine orders' },
  subscription: { sv: 'Prenumerationer', en: 'Subscriptions' },
  'event-sign-up': { sv: 'Anmälningar till evenemang', en: 'Event sign-ups' },
});
export type ConversionKind = (typeof CONVERSION_KINDS.values)[number];

// No control characters anywhere: PostgreSQL refuses NUL in text, and none belongs in a path or tag.
const PRINTABLE = /^\P{Cc}*$/u;
const path = z
  .string()
  .trim()
  .max(300)
  .regex(/^\/[^\s?#]*$/)
  .regex(PRINTABLE);
const tag = z.string().trim().toLowerCase().max(100).regex(PRINTABLE).optional().default('');

export const beaconSchema = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('view'),
    p: path,
    r: z.string().trim().max(500).regex(PRINTABLE).optional().default(''),
    us: tag,
    um: tag,
    uc: tag,
  }),
  z.object({
    t: z.literal('conversion'),
    e: z.enum(CONVERSION_KINDS.values),
    l: path,
    s: z.string().trim().toLowerCase().max(200).regex(PRINTABLE).optional().default(''),
    k: z.enum(MUNICIPALITY_SLUGS).optional(),
  }),
]);
export type Beacon = z.output<typeof beaconSchema>;

/** How many days the coordinator's statistics show when first opened. */
export const DEFAULT_STATISTICS_DAYS = 30;

/**
 * The default period of the statistics: the last 30 Stockholm days up to today. The CMS counts
 * visits by Stockholm date, so a UTC date would leave today's visits out for an hour or two after
 * midnight.
 */
export function defaultStatisticsPeriod(now: Date): { from: string; to: string } {
  const to = stockholmDate(now);
  return { from: addDays(to, 1 - DEFAULT_STATISTICS_DAYS), to };
}
