import type { Core, Modules, UID } from '@strapi/strapi';
import { MUNICIPALITIES, REGION, type MunicipalitySlug, type QueueOwner } from '@tasteget/shared';
import { refuse, type Messages } from './admin-errors';
import { contentManagerRequest } from './request-user';
import {
  ACTIVITY,
  AMBASSADOR,
  API_NAMESPACE,
  ARTICLE,
  CONTACT,
  COWORKING_SPACE,
  EVENT,
  EVENT_REGISTRATION,
  GUIDE_ASSIGNMENT,
  KOMMUN,
  NETWORK_CONTACT,
  ORDER,
  STORY,
  SUBSCRIPTION,
} from './content-types';

/**
 * What "own" means, per content type, as Strapi RBAC conditions (enforced by the server on every
 * Content Manager request, not hidden buttons):
 * - a guide's own queue: the contacts whose responsible queue (`assignedMunicipality`) is the one
 *   the guide works, and the activities, orders and subscriptions of those contacts. Orders and
 *   subscriptions with no contact are the region's, as contacts with no municipality are. The
 *   network contacts of the guide's municipality (none: the region's) are the guide's too.
 * - a municipal editor's municipality: its kommun page and the content tagged with it (an article
 *   tagged with several municipalities is each of theirs).
 *
 * Strapi checks a condition against the stored record before an update, publish or delete, but
 * not against what a create or an update writes (its content-manager leaves that as a TODO), so
 * `installOwnRecordGuard` checks the saved result too, inside the write's transaction.
 */

/**
 * Where a record's queue lives: on the contact itself, or on its linked contact; a network
 * contact's is its municipality (none: the region's).
 */
const QUEUE_PATHS: Partial<Record<UID.ContentType, { relation?: string; field: string }>> = {
  [CONTACT]: { field: 'assignedMunicipality' },
  [ACTIVITY]: { relation: 'contact', field: 'assignedMunicipality' },
  [ORDER]: { relation: 'contact', field: 'assignedMunicipality' },
  [SUBSCRIPTION]: { relation: 'contact', field: 'assignedMunicipality' },
  [EVENT_REGISTRATION]: { relation: 'contact', field: 'assignedMunicipality' },
  [NETWORK_CONTACT]: { field: 'municipality' },
};

/** Where a piece of content names its municipality. Magazine editions are the county's. */
const MUNICIPALITY_PATHS: Partial<Record<UID.ContentType, { relation?: string; field: string }>> = {
  [KOMMUN]: { field: 'municipality' },
  [STORY]: { relation: 'kommun', field: 'municipality' },
  [EVENT]: { relation: 'kommun', field: 'municipality' },
  [AMBASSADOR]: { relation: 'kommun', field: 'municipality' },
  [COWORKING_SPACE]: { relation: 'kommun', field: 'municipality' },
  [ARTICLE]: { relation: 'kommuner', field: 'municipality' },
};

export const QUEUE_SCOPED_TYPES = Object.keys(QUEUE_PATHS) as UID.ContentType[];
/** The relation through which a type names its municipality, if it does so by relation. */
export const municipalityRelation = (uid: string): string | undefined =>
  MUNICIPALITY_PATHS[uid as UID.ContentType]?.relation;
export const MUNICIPALITY_SCOPED_TYPES = Object.keys(MUNICIPALITY_PATHS) as UID.ContentType[];

/**
 * A condition is matched in memory by sift (Mongo semantics) against the record with its
 * relations populated, so a relation's field is named with a dot, as Strapi's own `is-creator`
 * condition does: a nested object would be compared as a whole. Over a to-many relation the dot
 * matches when any related record does.
 */
type Query = Record<string, unknown>;

function ownQueueQuery(subject: string | undefined, queue: QueueOwner): Query | false {
  const path = QUEUE_PATHS[subject as UID.ContentType];
  if (!path) return false;
  // A network contact without a municipality is the region's (a contact's queue is never empty).
  if (!path.relation)
    return queue === REGION
      ? { $or: [{ [path.field]: queue }, { [path.field]: null }] }
      : { [path.field]: queue };
  const owned = { [`${path.relation}.${path.field}`]: queue };
  // A record with no contact is the region's.
  return queue === REGION ? { $or: [owned, { [path.relation]: null }] } : owned;
}

function municipalityQuery(subject: string | undefined, municipality: MunicipalitySlug): Query | false {
  const path = MUNICIPALITY_PATHS[subject as UID.ContentType];
  if (!path) return false;
  return { [path.relation ? `${path.relation}.${path.field}` : path.field]: municipality };
}

const OWN_QUEUE = 'own-queue';
export const OWN_QUEUE_CONDITION = `${API_NAMESPACE}${OWN_QUEUE}`;
const municipalityConditionName = (m: MunicipalitySlug) => `municipality-${m}`;
export const municipalityCondition = (m: MunicipalitySlug) =>
  `${API_NAMESPACE}${municipalityConditionName(m)}`;

/** What Strapi passes a condition: the user, with the permission being evaluated. */
type ConditionUser = { id: number; permission?: { subject?: string | null } };

/**
 * Strapi keeps conditions for the whole process, which may boot more than one instance (the test
 * suites do): handlers ask the current instance, not the one that registered them.
 */
const currentStrapi = (fallback: Core.Strapi) =>
  (globalThis as unknown as { strapi?: Core.Strapi }).strapi ?? fallback;

export async function registerAccessConditions(strapi: Core.Strapi) {
  const provider = strapi.service('admin::permission').conditionProvider;
  const conditions = [
    {
      displayName: 'Egen kö / Own queue',
      name: OWN_QUEUE,
      async handler(user: ConditionUser) {
        const queue = await assignedQueue(currentStrapi(strapi), user.id);
        // A user without a queue owns nothing.
        return queue ? ownQueueQuery(user.permission?.subject ?? undefined, queue) : false;
      },
    },
    ...MUNICIPALITIES.map(({ slug, name }) => ({
      displayName: `Kommun: ${name} / Municipality: ${name}`,
      name: municipalityConditionName(slug),
      handler: (user: ConditionUser) => municipalityQuery(user.permission?.subject ?? undefined, slug),
    })),
  ];
  for (const condition of conditions) {
    if (!provider.has(`${API_NAMESPACE}${condition.name}`)) await provider.register(condition);
  }
}

/** The queue a user is assigned to work ("Vägledares kö"), or null. */
export async function assignedQueue(strapi: Core.Strapi, userId: number): Promise<QueueOwner | null> {
  const row = (await strapi.db.query(GUIDE_ASSIGNMENT).findOne({
    where: { user: { id: userId } },
    select: ['queue'],
  })) as { queue: QueueOwner } | null;
  return row?.queue ?? null;
}

/**
 * Why Strapi refused a Content Manager write with a bare "Forbidden", when the reason is the
 * record's scope: the user's role may do the action on the type, only not on this record
 * (another municipality's story, another queue's contact). Null when the role may not do it at
 * all, which plain-refusals.ts says in its own words. Strapi's ability answers "can" for a type
 * when any rule allows it, conditions aside, which is what tells the two apart.
 */
type Ability = { can(action: string, subject: string): boolean };

const CM_WRITE =
  /^\/content-manager\/collection-types\/([^/]+)\/[^/]+(?:\/actions\/(publish|unpublish|discard))?$/;
const WRITE_VERBS: Record<string, string | undefined> = { PUT: 'update', DELETE: 'delete' };
const OTHER_MUNICIPALITY = {
  sv: 'Det här hör till en annan kommun än din. Du kan läsa det, men ändra, publicera och ta bort bara innehåll märkt med din kommun.',
  en: 'This belongs to another municipality than yours. You can read it, but change, publish and delete only content tagged with your municipality.',
};
const OTHER_QUEUE = {
  sv: 'Det här hör till en annan kö än din. Du kan läsa det, men ändra bara det som hör till din egen kö.',
  en: 'This belongs to another queue than yours. You can read it, but change only what belongs to your own queue.',
};
export function outOfScopeReason(
  method: string,
  path: string,
  ability: Ability | undefined,
): Messages | null {
  const match = CM_WRITE.exec(path);
  if (!match || !ability) return null;
  const uid = match[1] as UID.ContentType;
  const verb = match[2] ? (match[2] === 'discard' ? 'update' : 'publish') : WRITE_VERBS[method];
  if (!verb || !ability.can(`plugin::content-manager.explorer.${verb}`, uid)) return null;
  return MUNICIPALITY_PATHS[uid] ? OTHER_MUNICIPALITY : QUEUE_PATHS[uid] ? OTHER_QUEUE : null;
}

/** Said in the words of the one refused: a guide works a queue, an editor a municipality. */
const OUTSIDE_QUEUE = {
  sv: 'Du kan bara spara poster i din egen kö. Den här posten skulle hamna utanför den.',
  en: 'You can only save records of your own queue. This one would end up outside it.',
};
const OUTSIDE_MUNICIPALITY = {
  sv: 'Du kan bara spara innehåll som hör till din kommun. Det här skulle hamna utanför den: välj din kommun i fältet Kommun.',
  en: 'You can only save content of your own municipality. This would end up outside it: choose your municipality in the Municipality field.',
};

const GUARDED_ACTIONS = new Set(['create', 'update', 'clone']);
const SCOPED = new Set<string>([...QUEUE_SCOPED_TYPES, ...MUNICIPALITY_SCOPED_TYPES]);

/** The relations a scope reads, populated on the saved record so the condition can be checked. */
function scopePopulate(uid: UID.ContentType): Record<string, true> {
  const relations = [QUEUE_PATHS[uid]?.relation, MUNICIPALITY_PATHS[uid]?.relation].filter(
    (r): r is string => !!r,
  );
  return Object.fromEntries(relations.map((r) => [r, true]));
}

/**
 * Checks what a Content Manager create or update wrote against the user's conditions, in the
 * same transaction, so a record cannot be written into (or moved to) a queue or municipality that
 * is not the user's. Writes outside the Content Manager (the platform's own, and the register's
 * admin endpoints, which check the queue themselves) are not this guard's.
 */
export function installOwnRecordGuard(strapi: Core.Strapi) {
  const guard: Modules.Documents.Middleware.Middleware = async (context, next) => {
    if (!GUARDED_ACTIONS.has(context.action) || !SCOPED.has(context.uid)) return next();
    const request = contentManagerRequest(strapi);
    if (!request) return next();
    const { userAbility } = request;
    const uid = context.uid as UID.ContentType;
    const verb = context.action === 'update' ? 'update' : 'create';
    // Only a permission with a condition can be broken by what is saved: everyone else (the
    // coordinator, the county editor, super admins) writes without the extra transaction and read.
    const rules =
      (userAbility as { rulesFor?(action: string, subject: string): { conditions?: object }[] }).rulesFor?.(
        `plugin::content-manager.explorer.${verb}`,
        uid,
      ) ?? [];
    if (!rules.some((rule) => rule.conditions && Object.keys(rule.conditions).length > 0)) return next();
    const checker = strapi
      .plugin('content-manager')
      .service('permission-checker')
      .create({ userAbility, model: uid });
    return strapi.db.transaction(async () => {
      // A save of a language version the document does not have yet is checked by Strapi as a
      // create, against nothing stored; the shared fields then carry what it wrote to the other
      // versions (content/shared-fields.ts). So every version the document has must be the user's:
      // else an editor could add an English version in their own municipality and take the
      // document with it.
      const documentId = (context.params as { documentId?: string }).documentId;
      if (verb === 'update' && documentId) {
        // The drafts are what is edited (a published version keeps its old municipality until the
        // next publish); a type without drafts has one row per language.
        const drafts = (strapi.getModel(uid).options as { draftAndPublish?: boolean } | undefined)
          ?.draftAndPublish;
        const versions = (await strapi.db.query(uid).findMany({
          where: { documentId, ...(drafts ? { publishedAt: null } : {}) },
          populate: scopePopulate(uid),
        })) as object[];
        if (versions.some((version) => checker.cannot.update(version))) {
          throw refuse.forbidden(MUNICIPALITY_PATHS[uid] ? OTHER_MUNICIPALITY : OTHER_QUEUE);
        }
      }
      const result = await next();
      const written = result as { documentId?: string; locale?: string } | null;
      if (!written?.documentId) return result;
      const saved = await strapi.documents(uid).findOne({
        documentId: written.documentId,
        ...(written.locale ? { locale: written.locale } : {}),
        populate: scopePopulate(uid),
      } as never);
      if (saved && checker.cannot[verb](saved)) {
        throw refuse.forbidden(MUNICIPALITY_PATHS[uid] ? OUTSIDE_MUNICIPALITY : OUTSIDE_QUEUE);
      }
      return result;
    });
  };
  strapi.documents.use(guard);
}

/**
 * Whether this user may change a record they are looking at, for the edit view to say so before
 * any work is done (Strapi's form checks a role's rights, not its conditions: another
 * municipality's story opens as an editable form, and the save is refused). Answers the reason
 * in the refusal's words; null when the record is not there for this user. Throws 403 when the
 * user's role may not read the type at all.
 */
export async function recordScope(
  strapi: Core.Strapi,
  userAbility: Ability,
  uid: UID.ContentType,
  documentId: string,
): Promise<{ mayUpdate: boolean; reason: Messages | null } | null> {
  if (!userAbility.can('plugin::content-manager.explorer.read', uid))
    throw refuse.forbidden({
      sv: 'Din roll kan inte läsa det här.',
      en: 'Your role may not read this.',
    });
  const drafts = (strapi.getModel(uid).options as { draftAndPublish?: boolean } | undefined)?.draftAndPublish;
  const versions = (await strapi.db.query(uid).findMany({
    where: { documentId, ...(drafts ? { publishedAt: null } : {}) },
    populate: scopePopulate(uid),
  })) as object[];
  const checker = strapi
    .plugin('content-manager')
    .service('permission-checker')
    .create({ userAbility, model: uid });
  if (versions.length === 0 || versions.every((version) => checker.cannot.read(version))) return null;
  // A role that may not change the type at all: Strapi's own form shows it read-only.
  if (!userAbility.can('plugin::content-manager.explorer.update', uid))
    return { mayUpdate: false, reason: null };
  const blocked = SCOPED.has(uid) && versions.some((version) => checker.cannot.update(version));
  return {
    mayUpdate: !blocked,
    reason: blocked ? (MUNICIPALITY_PATHS[uid] ? OTHER_MUNICIPALITY : OTHER_QUEUE) : null,
  };
}
