import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { refuse } from './admin-errors';
import { addToPluginRoute } from './plugin-routes';

/**
 * Strapi's bulk delete and bulk move in the Media Library check `plugin::upload.assets.update` as
 * an action only, not its conditions: a municipal editor, who may change only the files they
 * uploaded (`admin::is-creator`, admin-roles.ts), could delete any file, or a whole folder of
 * others' files, in one request. So does a folder's rename or move (`PUT /folders/:id`), which
 * moves every file inside it. The single-file routes do check the conditions. Before these routes,
 * every file named, and every file inside a named folder, must be one the user may update, or
 * nothing is done.
 */
const GUARDED_ROUTES = [
  { method: 'POST', path: '/actions/bulk-delete' },
  { method: 'POST', path: '/actions/bulk-move' },
  { method: 'PUT', path: '/folders/:id' },
];
const FILE = 'plugin::upload.file';
const FOLDER = 'plugin::upload.folder';
const UPDATE = 'plugin::upload.assets.update';

const NOT_YOURS = {
  sv: 'Du kan bara ta bort eller flytta filer som du själv har laddat upp, och ändra mappar med bara sådana filer. Be länsredaktören om de andra.',
  en: 'You can only delete or move files you uploaded yourself, and change folders holding only such files. Ask the county editor about the others.',
};

type Ability = { can: (action: string, subject: unknown) => boolean };

const ids = (value: unknown): number[] =>
  Array.isArray(value) ? value.filter((id): id is number => Number.isInteger(id)) : [];

function onlyOwnFiles(strapi: Core.Strapi) {
  return async (ctx: Context, next: Next) => {
    const ability = (ctx.state as { userAbility?: Ability }).userAbility;
    const body = (ctx.request as { body?: { fileIds?: unknown; folderIds?: unknown } }).body ?? {};
    if (!ability) return next();
    // The folder route names its folder in the path, the bulk routes theirs in the body.
    const folderIds = ctx.params?.id ? [Number(ctx.params.id)] : ids(body.folderIds);
    const folders = (await strapi.db.query(FOLDER).findMany({
      where: { id: { $in: folderIds } },
      select: ['path'],
    })) as { path: string }[];
    const files = (await strapi.db.query(FILE).findMany({
      where: {
        $or: [
          { id: { $in: ids(body.fileIds) } },
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
  for (const route of GUARDED_ROUTES) addToPluginRoute(strapi, 'upload', route, onlyOwnFiles(strapi));
}
