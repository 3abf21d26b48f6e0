import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { refuse } from './admin-errors';
import { addToPluginRoute } from './plugin-routes';

/**
 * Strapi's bulk delete and bulk move in the Media Library check `plugin::upload.assets.update` as
 * an action only, not its conditions: a municipal editor, who may change only the files they
 * uploaded (`admin::is-creator`, admin-roles.ts), could delete any file, or a whole folder of
 * others' files, in one request. So does a folder's rename or move (`PUT /folders/:id`), which
 * moves every file inside it. Before these routes, every file named, and every file inside a
 * named folder, must be one the user may update, or nothing is done.
 *
 * The single-file routes (change, replace, delete) check the conditions themselves, but refuse
 * with Strapi's bare "Forbidden", which says nothing of why; they are checked here first too, so
 * every refusal of another's file says whose it is and whom to ask.
 */
type Named = { fileIds: number[]; folderIds: number[] };
type Body = { fileIds?: unknown; folderIds?: unknown; updates?: unknown };

const ids = (value: unknown): number[] =>
  Array.isArray(value) ? value.filter((id): id is number => Number.isInteger(id)) : [];
const idOf = (value: unknown): number[] =>
  Number.isInteger(Number(value)) && value !== undefined ? [Number(value)] : [];
const body = (ctx: Context): Body => (ctx.request as { body?: Body }).body ?? {};
const none: number[] = [];

const named = (fileIds: number[], folderIds: number[] = none): Named => ({ fileIds, folderIds });
const inBody = (ctx: Context) => named(ids(body(ctx).fileIds), ids(body(ctx).folderIds));
const fileInPath = (ctx: Context) => named(idOf(ctx.params?.id));

const GUARDED_ROUTES: { method: string; path: string; named: (ctx: Context) => Named }[] = [
  { method: 'POST', path: '/actions/bulk-delete', named: inBody },
  { method: 'POST', path: '/actions/bulk-move', named: inBody },
  {
    method: 'POST',
    path: '/actions/bulk-update',
    named: (ctx) =>
      named(ids([body(ctx).updates ?? []].flat().map((u) => (u as { id?: unknown } | null)?.id))),
  },
  { method: 'PUT', path: '/folders/:id', named: (ctx) => named(none, idOf(ctx.params?.id)) },
  // An upload with `?id=` changes that file's details or replaces it; without, it is a new file.
  { method: 'POST', path: '/', named: (ctx) => named(idOf((ctx.query as { id?: unknown }).id)) },
  { method: 'PUT', path: '/files/:id', named: fileInPath },
  { method: 'POST', path: '/files/:id/replace', named: fileInPath },
  { method: 'DELETE', path: '/files/:id', named: fileInPath },
];
const FILE = 'plugin::upload.file';
const FOLDER = 'plugin::upload.folder';
const UPDATE = 'plugin::upload.assets.update';

const NOT_YOURS = {
  sv: 'Du kan bara ändra, byta ut, ta bort eller flytta filer som du själv har laddat upp, och ändra mappar med bara sådana filer. Filen är någon annans: be länsredaktören om den.',
  en: "You can only change, replace, delete or move files you uploaded yourself, and change folders holding only such files. The file is someone else's: ask the county editor about it.",
};

type Ability = { can: (action: string, subject: unknown) => boolean };

function onlyOwnFiles(strapi: Core.Strapi, namedBy: (ctx: Context) => Named) {
  return async (ctx: Context, next: Next) => {
    const ability = (ctx.state as { userAbility?: Ability }).userAbility;
    if (!ability) return next();
    const { fileIds, folderIds } = namedBy(ctx);
    if (fileIds.length === 0 && folderIds.length === 0) return next();
    const folders = (await strapi.db.query(FOLDER).findMany({
      where: { id: { $in: folderIds } },
      select: ['path'],
    })) as { path: string }[];
    const files = (await strapi.db.query(FILE).findMany({
      where: {
        $or: [
          { id: { $in: fileIds } },
          ...folders.map((f) => ({
            $or: [{ folderPath: f.path }, { folderPath: { $startsWith: `${f.path}/` } }],
          })),
        ],
      },
      populate: { createdBy: { populate: ['roles'] } },
    })) as object[];
    const pm = strapi
      .service('admin::permission')
      .createPermissionsManager({ ability, action: UPDATE, model: FILE }) as {
      toSubject: (entity: object) => unknown;
    };
    if (files.some((file) => !ability.can(UPDATE, pm.toSubject(file)))) throw refuse.forbidden(NOT_YOURS);
    return next();
  };
}

export function installOwnUploadsGuard(strapi: Core.Strapi) {
  for (const { named: namedBy, ...route } of GUARDED_ROUTES)
    addToPluginRoute(strapi, 'upload', route, onlyOwnFiles(strapi, namedBy));
}
