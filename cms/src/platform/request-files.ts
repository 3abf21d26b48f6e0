import { rm } from 'node:fs/promises';
import type { Context, Next } from 'koa';

/**
 * Strapi's body parser writes every file of a multipart request to the temporary directory, on
 * any route and before anyone is authenticated, and afterwards removes only those of the field
 * `files` (the Media Library's), and only when the request succeeded. Right after the parser, this
 * takes note of every file and removes them all once the answer is made: a file posted to a form,
 * or to no route at all, does not stay on the disk.
 */
type ParsedFile = { filepath?: string };

export default () => async (ctx: Context, next: Next) => {
  const parsed = (ctx.request as { files?: Record<string, ParsedFile | ParsedFile[]> }).files;
  const paths = Object.values(parsed ?? {})
    .flat()
    .map((file) => file.filepath)
    .filter((path): path is string => typeof path === 'string');
  try {
    await next();
  } finally {
    // Not awaited: the answer does not wait for the disk. The Media Library's are gone already.
    for (const path of paths) void rm(path, { force: true }).catch(() => undefined);
  }
};
