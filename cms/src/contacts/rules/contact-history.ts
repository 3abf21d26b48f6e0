import type { Core, Modules } from '@strapi/strapi';
import { ACTIVITY, CONTACT } from '../../platform/content-types';
import { requestUser } from '../../platform/request-user';

/**
 * Every change to a contact made through the document service (the admin's contact card, or any
 * plugin) leaves a system line in its activity log naming what changed and who changed it, and
 * moves its last-activity time. The intake writes its own, more telling lines through the query
 * engine, so nothing is logged twice.
 */

/** Bookkeeping fields whose change is not news on the contact card. */
const IGNORED = new Set(['lastActivityAt', 'updatedAt', 'createdAt', 'publishedAt', 'locale']);
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

const LABELS: Record<string, string> = {
  moveStatus: 'status',
  assignedMunicipality: 'ansvarig kommun',
  preferredChannel: 'kontaktsätt',
  firstRespondedAt: 'första svar',
  municipalities: 'kommuner',
  topics: 'ämnen',
  movedAt: 'flyttdatum',
  movedTo: 'flyttade till',
  phone: 'telefon',
  email: 'e-post',
};

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

    const attributes = strapi.contentTypes[CONTACT].attributes as Record<string, { type: string }>;
    const changes = Object.entries(params.data)
      .filter(([field]) => !IGNORED.has(field) && TRACKED_TYPES.has(attributes[field]?.type))
      .map(([field, value]) => ({ field, from: normalise(before[field]), to: normalise(value) }))
      .filter((c) => c.from !== c.to);
    if (changes.length === 0) return result;

    const now = new Date();
    const user = requestUser(strapi);
    await strapi.db.query(ACTIVITY).create({
      data: {
        contact: before.id,
        kind: 'system',
        summary:
          `Ändrat: ${changes.map((c) => `${LABELS[c.field] ?? c.field} ${shown(c.from)} → ${shown(c.to)}`).join('; ')}`.slice(
            0,
            5000,
          ),
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
