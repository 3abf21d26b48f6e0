import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { refuse } from './admin-errors';

/**
 * A request's filters, sort or search that Strapi's query engine cannot read (`filters[$or]=x`,
 * `$between` with one value, `_q[$ne]=…`, a number filter given letters) is the client's error.
 * Strapi validates the names in a query but not the shapes, and its query helpers throw plain
 * errors while turning the query into SQL, which its error middleware answers with a 500. This
 * middleware, right inside Strapi's, answers those with a 400. Only errors thrown from those
 * helpers (which read nothing but the request's query) are translated, not those of running SQL:
 * any other error stays a 500. Filters a database would be handed as they are (`badFilters`) are
 * refused before the request runs.
 */
// `src` too: with --enable-source-maps a stack names Strapi's sources. knex's query builder and
// formatter, which the helpers call, only build SQL text (a sort direction given as an object).
const QUERY_HELPERS =
  /node_modules[\\/](@strapi[\\/]database[\\/](dist|src)[\\/](query[\\/]helpers|fields)|knex[\\/]lib[\\/](formatter|query))[\\/]/;

const MESSAGES = {
  sv: 'Frågans filter, sortering eller sökning har fel form och kan inte läsas.',
  en: "The query's filters, sort or search are malformed and cannot be read.",
};

/**
 * Paging is read as numbers and goes to the database as they are: a start past what a database
 * integer holds is SQLite's "datatype mismatch", a 500. Every paging value must be a whole number
 * a database takes, or the request is refused before it runs.
 */
const PAGING_KEYS = ['page', 'pageSize', 'start', 'limit'];
const LARGEST = 2_147_483_647;
const PAGING_MESSAGES = {
  sv: `Frågans sidindelning (page, pageSize, start, limit) ska vara heltal från 0 till ${LARGEST}.`,
  en: `The query's paging (page, pageSize, start, limit) must be whole numbers from 0 to ${LARGEST}.`,
};

function badPaging(query: Record<string, unknown>): boolean {
  const pagination = query.pagination;
  const values = [
    ...PAGING_KEYS.map((key) => query[key]),
    ...(pagination && typeof pagination === 'object'
      ? PAGING_KEYS.map((key) => (pagination as Record<string, unknown>)[key])
      : []),
  ].filter((value) => value !== undefined);
  return values.some(
    (value) =>
      !(typeof value === 'number' || typeof value === 'string') ||
      !/^\d{1,10}$/.test(String(value)) ||
      Number(value) > LARGEST,
  );
}

/**
 * Filters whose shape no query can have, which Strapi passes on to the database as they are: a
 * value where a condition belongs (`filters[0]=x` became the column "0"), or a condition where
 * a value belongs (`filters[title][$eq][$eq]=x` became an object to bind). Checked before the
 * request runs, anywhere in the query (a populated relation has filters of its own); the names
 * in them are Strapi's to check.
 */
const LOGICAL = new Set(['$and', '$or']);
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isScalar = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);
/** Values, one or a list: the query parser makes a long list (past its array limit) an object of indexes. */
const isValues = (value: unknown) =>
  isScalar(value) ||
  (Array.isArray(value) && value.every(isScalar)) ||
  (isObject(value) &&
    Object.keys(value).every((key) => /^\d+$/.test(key)) &&
    Object.values(value).every(isScalar));

/** A list of conditions (`$and`, `$or`, or the filters themselves as an array): objects only. */
function badConditions(value: unknown): boolean {
  const items = Array.isArray(value) ? value : isObject(value) ? Object.values(value) : [value];
  return items.some((item) => !isObject(item) || badCondition(item));
}

function badCondition(condition: Record<string, unknown>): boolean {
  return Object.entries(condition).some(([key, value]) => {
    if (LOGICAL.has(key)) return badConditions(value);
    if (key === '$not') return !isObject(value) || badCondition(value);
    // An operator takes a value, or a list of them ($in, $between).
    if (key.startsWith('$')) return !isValues(value);
    if (/^\d+$/.test(key)) return true;
    // A field: a value, a list of values, or conditions on it (or on a relation's fields).
    if (isValues(value)) return false;
    return !isObject(value) || badCondition(value);
  });
}

function badFilters(query: unknown): boolean {
  if (!isObject(query) && !Array.isArray(query)) return false;
  return Object.entries(query).some(([key, value]) => {
    if (key === 'filters' && value !== undefined && (Array.isArray(value) || isObject(value)))
      return Array.isArray(value) ? badConditions(value) : badCondition(value);
    return typeof value === 'object' && value !== null && badFilters(value);
  });
}

/** Thrown while the query helpers build SQL: at the top of the stack, or knex's checks they call. */
function fromQueryHelpers(error: unknown): boolean {
  if (!(error instanceof Error) || !['Error', 'TypeError', 'AssertionError'].includes(error.name))
    return false;
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  return frames.slice(0, 4).some((frame) => QUERY_HELPERS.test(frame));
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next) => {
    if (badPaging(ctx.query as Record<string, unknown>)) throw refuse.invalid(PAGING_MESSAGES);
    if (badFilters(ctx.query)) throw refuse.invalid(MESSAGES, { reason: 'filters' });
    try {
      await next();
    } catch (error) {
      if (!fromQueryHelpers(error)) throw error;
      strapi.log.info(`Malformed query on ${ctx.method} ${ctx.path}: ${(error as Error).message}`);
      throw refuse.invalid(MESSAGES, { reason: (error as Error).message });
    }
  };
