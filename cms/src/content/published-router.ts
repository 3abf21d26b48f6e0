import { factories, type UID } from '@strapi/strapi';
import { contentApiReadActions } from '../platform/content-types';

/**
 * The content-API router of a published type: `GET /api/<plural>` and `GET /api/<plural>/:id`
 * (a single type: `GET /api/<singular>`), nothing else (see `platform/content-types.ts`). Apart
 * from the model's rules so that those stay free of Strapi's runtime, which tests import without
 * booting it.
 */
export function publishedContentRouter(
  uid: UID.ContentType,
  kind: 'collectionType' | 'singleType' = 'collectionType',
) {
  return factories.createCoreRouter(uid, { only: [...contentApiReadActions(kind)] });
}
