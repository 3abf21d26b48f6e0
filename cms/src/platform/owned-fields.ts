import type { Core, Modules, UID } from '@strapi/strapi';
import { refuse, type Messages } from './admin-errors';
import { contentManagerRequest } from './request-user';

/**
 * Fields the platform keeps, not people: a deadline, a consent record, a campaign's status and
 * counts. The admin shows them read-only (`../bootstrap/admin-labels.ts`); this is the server's
 * side of that, since the Content Manager's API takes whatever a client sends.
 *
 * On a Content Manager create the fields are dropped (the platform sets them). On an update a
 * field whose value differs from the stored one is either refused with a message (400), or, for
 * fields the platform changes in the background while an edit form is open (the last activity,
 * a consent withdrawn by the person's link), kept as stored: the form's copy is only stale, and
 * the rest of the save goes through.
 */
export interface OwnedFields {
  uid: UID.ContentType;
  fields: readonly string[];
  /** Date fields, compared as instants (the form sends ISO strings, the database its own form). */
  dates?: readonly string[];
  /** What a changed field meets: a refusal with this message, or 'keep' (the stored value stays). */
  onChange: Messages | 'keep';
}

/** A value of the admin's form against the stored one: empty is empty, dates as instants. */
function same(dates: ReadonlySet<string>, field: string, given: unknown, stored: unknown): boolean {
  const empty = (v: unknown) => v === null || v === undefined || v === '';
  if (empty(given) || empty(stored)) return empty(given) && empty(stored);
  if (dates.has(field)) return new Date(given as string).getTime() === new Date(stored as string).getTime();
  if (typeof given === 'object' || typeof stored === 'object')
    return JSON.stringify(given) === JSON.stringify(stored);
  return String(given) === String(stored);
}

/** The fields of `owned` this update would change, against what is stored. */
export async function changedOwnedFields(
  strapi: Core.Strapi,
  owned: Pick<OwnedFields, 'uid' | 'fields' | 'dates'>,
  documentId: string,
  data: Record<string, unknown>,
): Promise<string[]> {
  const given = owned.fields.filter((field) => field in data);
  if (given.length === 0) return [];
  const stored = (await strapi.db.query(owned.uid).findOne({
    where: { documentId },
    select: given,
  })) as Record<string, unknown> | null;
  if (!stored) return [];
  const dates = new Set(owned.dates ?? []);
  return given.filter((field) => !same(dates, field, data[field], stored[field]));
}

/** Refuses (400, one entry per field) a save that would change fields the platform keeps. */
export function refuseOwnedFields(messages: Messages, fields: string[]): never {
  throw refuse.invalid(messages, {
    errors: fields.map((field) => ({
      path: [field],
      message: `${messages.sv} / ${messages.en}`,
      name: 'ValidationError',
    })),
  });
}

export function installOwnedFields(strapi: Core.Strapi, owned: OwnedFields) {
  const rule: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if (context.uid !== owned.uid || !contentManagerRequest(strapi)) return next();
    const params = context.params as { documentId?: string; data?: Record<string, unknown> };
    const data = params.data;
    if (!data) return next();
    if (context.action === 'create') {
      for (const field of owned.fields) delete data[field];
    } else if (context.action === 'update' && params.documentId) {
      const changed = await changedOwnedFields(strapi, owned, params.documentId, data);
      if (changed.length > 0 && owned.onChange === 'keep') for (const field of changed) delete data[field];
      else if (changed.length > 0) refuseOwnedFields(owned.onChange as Messages, changed);
    }
    return next();
  };
  strapi.documents.use(rule);
}
