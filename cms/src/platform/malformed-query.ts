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
 * any other error stays a 500.
 */
// `src` too: with --enable-source-maps a stack names Strapi's sources.
const QUERY_HELPERS =
  /node_modules[\\/]@strapi[\\/]database[\\/](dist|src)[\\/](query[\\/]helpers|fields)[\\/]/;

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
    try {
      await next();
    } catch (error) {
      if (!fromQueryHelpers(error)) throw error;
      strapi.log.info(`Malformed query on ${ctx.method} ${ctx.path}: ${(error as Error).message}`);
      throw refuse.invalid(MESSAGES, { reason: (error as Error).message });
    }
  };
