import type { Core, Modules } from '@strapi/strapi';
import {
  CONTACT_SOURCES,
  CONTACT_STATUSES,
  COUNTY_TIES,
  MOVE_TIMES,
  MUNICIPALITIES,
  PREFERRED_CHANNELS,
  REGION,
  TOPICS,
  formatPhone,
  stockholmDateTime,
  type Label,
  type Locale,
} from '@tasteget/shared';
import { ACTIVITY, CONTACT } from '../../platform/content-types';
import { CONTACT_LABELS } from '../contact-labels';
import { requestUser } from '../../platform/request-user';

/**
 * Every change to a contact made through the document service (the admin's contact card, or any
 * plugin) leaves a system line in its activity log naming what changed and who changed it, and
 * moves its last-activity time. The intake writes its own, more telling lines through the query
 * engine, so nothing is logged twice.
 */

/** Bookkeeping fields whose change is not news on the contact card (the status change says closedAt's). */
const IGNORED = new Set(['lastActivityAt', 'closedAt', 'updatedAt', 'createdAt', 'publishedAt', 'locale']);
const TRACKED_TYPES = new Set([
  'string',
  'text',
  'email',
  'enumeration',
  'integer',
  'decimal',
  'float',
  'boolean',
  'date',
  'datetime',
  'json',
]);

/** How a value reads on the card: options by their label, municipalities by name. */
const NAMES: Record<string, Label> = {
  ...Object.fromEntries(MUNICIPALITIES.map((m) => [m.slug, { sv: m.name, en: m.name }])),
  [REGION]: { sv: 'Regionen', en: 'The region' },
};
const OPTION_LABELS: Record<string, Record<string, Label>> = {
  moveStatus: CONTACT_STATUSES.labels,
  preferredChannel: PREFERRED_CHANNELS.labels,
  countyTie: COUNTY_TIES.labels,
  plannedMoveTime: MOVE_TIMES.labels,
  source: CONTACT_SOURCES.labels,
  topics: TOPICS.labels,
  language: { sv: { sv: 'svenska', en: 'Swedish' }, en: { sv: 'engelska', en: 'English' } },
};
const MUNICIPAL = new Set(['municipalities', 'assignedMunicipality', 'sourceMunicipality', 'movedTo']);

/** A field's name in the log line: the admin's label, lower-cased as it stands mid-sentence. */
function fieldName(field: string, l: Locale): string {
  const label = CONTACT_LABELS[field]?.[l] ?? field;
  return /^[A-ZÅÄÖ][a-zåäö]/.test(label) ? label[0].toLowerCase() + label.slice(1) : label;
}

function readable(field: string, value: unknown, l: Locale): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (field === 'phone') return formatPhone(String(value));
  const one = (v: unknown) =>
    MUNICIPAL.has(field)
      ? (NAMES[String(v)]?.[l] ?? String(v))
      : (OPTION_LABELS[field]?.[String(v)]?.[l] ?? String(v));
  if (Array.isArray(value)) return value.length === 0 ? null : value.map(one).join(', ');
  const date = normalise(value);
  if (date && (value instanceof Date || /^\d{4}-\d{2}-\d{2}T/.test(String(value))))
    return stockholmDateTime(new Date(date));
  return typeof value === 'object' ? JSON.stringify(value) : one(value);
}

function normalise(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date.toISOString();
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function shown(value: string | null): string {
  if (value === null) return '–';
  return value.length > 80 ? `${value.slice(0, 77)}…` : value;
}

/**
 * What `data` changes of the stored contact `before`, as the card says it ("Ändrat: telefon – →
 * 070-123 45 67; språk svenska → engelska", and the same in English), or null when nothing
 * tracked changes.
 */
export function describeChanges(
  strapi: Core.Strapi,
  before: Record<string, unknown>,
  data: Record<string, unknown>,
): Label | null {
  const attributes = strapi.contentTypes[CONTACT].attributes as Record<string, { type: string }>;
  const changed = Object.entries(data)
    .filter(([field]) => !IGNORED.has(field) && TRACKED_TYPES.has(attributes[field]?.type))
    .filter(([field, value]) => normalise(before[field]) !== normalise(value));
  if (changed.length === 0) return null;
  const line = (l: Locale) =>
    changed
      .map(
        ([field, value]) =>
          `${fieldName(field, l)} ${shown(readable(field, before[field], l))} → ${shown(readable(field, value, l))}`,
      )
      .join('; ');
  return { sv: `Ändrat: ${line('sv')}`, en: `Changed: ${line('en')}` };
}

export function installContactHistory(strapi: Core.Strapi) {
  const logChanges: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if (context.uid !== CONTACT || context.action !== 'update') return next();
    const params = context.params as { documentId?: string; data?: Record<string, unknown> };
    const before = params.documentId
      ? ((await strapi.db.query(CONTACT).findOne({ where: { documentId: params.documentId } })) as Record<
          string,
          unknown
        > | null)
      : null;
    const result = await next();
    if (!before || !params.data) return result;

    const changes = describeChanges(strapi, before, params.data);
    if (!changes) return result;

    const now = new Date();
    const user = requestUser(strapi);
    await strapi.db.query(ACTIVITY).create({
      data: {
        contact: before.id,
        kind: 'system',
        summary: changes.sv.slice(0, 5000),
        summaryEn: changes.en.slice(0, 5000),
        occurredAt: now,
        publishedAt: now,
        ...(user?.id ? { performedBy: user.id } : {}),
      },
    });
    await strapi.db.query(CONTACT).update({ where: { id: before.id }, data: { lastActivityAt: now } });
    return result;
  };
  strapi.documents.use(logChanges);
}
