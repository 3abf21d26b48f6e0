import type { Core, UID } from '@strapi/strapi';
import { PHONE_PATTERN, WEB_LINK_PATTERN } from '@tasteget/shared';

/**
 * Builds a valid document for any content type from its schema, so the round-trip test covers a
 * new content type the moment it is added. Relations and media are left out (they need other
 * documents); everything else gets a value that passes the schema's validation. A relation the
 * schema requires is given by `sampleRelations`, which makes the document it points to.
 */
type Attribute = {
  type: string;
  enum?: string[];
  min?: number;
  max?: number;
  maxLength?: number;
  regex?: string;
  component?: string;
  components?: string[];
  repeatable?: boolean;
};

/** Example values for the regular expressions used in the schemas. */
const REGEX_EXAMPLES: Record<string, string> = {
  [WEB_LINK_PATTERN]: 'https://example.org/sida',
  [PHONE_PATTERN]: '+46 63 12 34 56',
  '^[0-9]{3} ?[0-9]{2}$': '831 30',
  '^[A-Z]{2}$': 'SE',
};

/** JSON fields hold lists out of the shared vocabulary. */
const JSON_EXAMPLES: Record<string, unknown> = {
  municipalities: ['are', 'ostersund'],
  topics: ['job', 'housing'],
  interests: ['remote-work'],
  themes: ['family'],
  languages: ['sv', 'en'],
  amenities: ['wifi', 'kitchen'],
  segment: { match: 'all', conditions: [] },
  statusLog: [],
  attachments: [],
};

/** Enumerations whose value is a state only some of whose values a person may edit in. */
const ENUM_EXAMPLES: Record<string, string> = {
  // A campaign is written by hand only before it is sent (cms/src/newsletter/campaign-edits.ts).
  campaignStatus: 'draft',
};

let counter = 0;

/** `sample` gives short values; `longest` fills every bounded text to its maxLength. */
export type SampleSize = 'sample' | 'longest';

/** `prefix` padded with `fill` to `length` characters. */
const padTo = (prefix: string, length: number, fill: string) =>
  prefix.length >= length ? prefix.slice(0, length) : prefix + fill.repeat(length - prefix.length);

export function sampleValue(
  strapi: Core.Strapi,
  field: string,
  attribute: Attribute,
  size: SampleSize = 'sample',
): unknown {
  counter += 1;
  const longest = size === 'longest';
  switch (attribute.type) {
    case 'string':
    case 'text': {
      if (attribute.regex) {
        const example = REGEX_EXAMPLES[attribute.regex];
        if (!example) throw new Error(`No example value for the regex of ${field}: ${attribute.regex}`);
        // Only a URL can grow without leaving its pattern: a long path.
        return longest && attribute.maxLength && example.startsWith('https://')
          ? padTo(`${example}/`, attribute.maxLength, 'a')
          : example;
      }
      const text = `Prov ${field} åäö ${counter}`;
      if (longest && attribute.maxLength) return padTo(`${text} `, attribute.maxLength, 'å');
      return text.slice(0, attribute.maxLength ?? 255);
    }
    case 'uid': {
      const uid = `prov-${field.toLowerCase()}-${Date.now().toString(36)}-${counter}`;
      return longest && attribute.maxLength ? padTo(`${uid}-`, attribute.maxLength, 'a') : uid;
    }
    case 'email': {
      const local = `prov.${counter}.${Date.now().toString(36)}`;
      if (!longest || !attribute.maxLength) return `${local}@example.se`;
      // 64 characters of local part and labels of at most 63: the longest address that is valid.
      const domain = `${'d'.repeat(63)}.${'e'.repeat(63)}.se`;
      return `${padTo(local, Math.min(64, attribute.maxLength - domain.length - 1), 'x')}@${domain}`;
    }
    case 'enumeration':
      return ENUM_EXAMPLES[field] ?? attribute.enum![attribute.enum!.length - 1];
    case 'integer':
    case 'biginteger':
      return Math.min(Math.max(attribute.min ?? 2, 2), attribute.max ?? 2);
    case 'decimal':
    case 'float':
      return attribute.min !== undefined ? attribute.min + 0.25 : 2.5;
    case 'boolean':
      return true;
    case 'datetime':
      // An end comes after its start (an event's `endsAt` after its `startsAt`).
      return /^ends/.test(field) ? '2026-05-04T12:30:00.000Z' : '2026-05-04T10:30:00.000Z';
    case 'date':
      return '2026-05-04';
    case 'time':
      return '10:30:00.000';
    case 'blocks':
      return [{ type: 'paragraph', children: [{ type: 'text', text: `Brödtext ${counter}` }] }];
    case 'richtext':
      return `**Brödtext** ${counter}`;
    case 'json':
      return JSON_EXAMPLES[field] ?? { prov: counter };
    case 'component': {
      const value = sampleComponent(strapi, attribute.component!, size);
      return attribute.repeatable ? [value] : value;
    }
    case 'dynamiczone':
      return [
        {
          __component: attribute.components![0],
          ...sampleComponent(strapi, attribute.components![0], size),
        },
      ];
    default:
      return undefined; // relation, media
  }
}

function sampleAttributes(strapi: Core.Strapi, attributes: Record<string, Attribute>, size: SampleSize) {
  const data: Record<string, unknown> = {};
  for (const [field, attribute] of Object.entries(attributes)) {
    const value = sampleValue(strapi, field, attribute, size);
    if (value !== undefined) data[field] = value;
  }
  return data;
}

export function sampleComponent(strapi: Core.Strapi, uid: string, size: SampleSize = 'sample') {
  const component = strapi.components[uid as UID.Component];
  return sampleAttributes(strapi, component.attributes as unknown as Record<string, Attribute>, size);
}

const SYSTEM_FIELDS = [
  'createdAt',
  'updatedAt',
  'publishedAt',
  'createdBy',
  'updatedBy',
  'locale',
  'localizations',
];

/** A valid document for `uid`, without system fields. */
export function sampleDocument(strapi: Core.Strapi, uid: UID.ContentType, size: SampleSize = 'sample') {
  const model = strapi.contentTypes[uid];
  const own = Object.fromEntries(
    Object.entries(model.attributes).filter(([field]) => !SYSTEM_FIELDS.includes(field)),
  );
  return sampleAttributes(strapi, own as unknown as Record<string, Attribute>, size);
}

/** Whether `uid` has a document per language (i18n), so that a document is named with its locale. */
export function isLocalized(strapi: Core.Strapi, uid: string): boolean {
  const model = strapi.contentTypes[uid as UID.ContentType];
  return (model.pluginOptions as { i18n?: { localized?: boolean } } | undefined)?.i18n?.localized === true;
}

const requiredTargets = new WeakMap<Core.Strapi, Map<string, Promise<string>>>();

/** One published sample document of `uid` per CMS, made on first need and shared after. */
function sharedTarget(strapi: Core.Strapi, uid: UID.ContentType): Promise<string> {
  let made = requiredTargets.get(strapi);
  if (!made) requiredTargets.set(strapi, (made = new Map()));
  let target = made.get(uid);
  if (!target) {
    target = (async () => {
      const data = { ...sampleDocument(strapi, uid), ...(await sampleRelations(strapi, uid)) };
      const created = await strapi.documents(uid).create({
        data,
        status: 'published',
        ...(isLocalized(strapi, uid) ? { locale: 'sv' } : {}),
      } as never);
      return created.documentId;
    })();
    made.set(uid, target);
  }
  return target;
}

/**
 * The relations `uid`'s schema requires (`"required": true`, enforced under Strapi's
 * `strictRelations`), each connected to a sample document of its target, in the shape both the
 * document service and the Content Manager take.
 */
export async function sampleRelations(
  strapi: Core.Strapi,
  uid: UID.ContentType,
): Promise<Record<string, { connect: { documentId: string; locale?: string }[] }>> {
  const relations: Record<string, { connect: { documentId: string; locale?: string }[] }> = {};
  for (const [field, attribute] of Object.entries(strapi.contentTypes[uid].attributes)) {
    const relation = attribute as { type: string; required?: boolean; target?: UID.ContentType };
    if (relation.type !== 'relation' || !relation.required || !relation.target) continue;
    const documentId = await sharedTarget(strapi, relation.target);
    const locale = isLocalized(strapi, relation.target) ? { locale: 'sv' } : {};
    relations[field] = { connect: [{ documentId, ...locale }] };
  }
  return relations;
}

type PopulateTree = true | { populate?: Record<string, PopulateTree>; on?: Record<string, PopulateTree> };

/** A populate tree reaching every component, dynamic-zone entry, relation and media field. */
export function populateAll(
  strapi: Core.Strapi,
  attributes: Record<string, Attribute>,
): Record<string, PopulateTree> {
  const tree: Record<string, PopulateTree> = {};
  const nested = (uid: string): PopulateTree => {
    const inner = populateAll(
      strapi,
      strapi.components[uid as UID.Component].attributes as unknown as Record<string, Attribute>,
    );
    return Object.keys(inner).length > 0 ? { populate: inner } : true;
  };
  for (const [field, attribute] of Object.entries(attributes)) {
    if (attribute.type === 'component') tree[field] = nested(attribute.component!);
    else if (attribute.type === 'dynamiczone')
      tree[field] = { on: Object.fromEntries(attribute.components!.map((uid) => [uid, nested(uid)])) };
    else if (attribute.type === 'relation' || attribute.type === 'media') tree[field] = true;
  }
  return tree;
}
