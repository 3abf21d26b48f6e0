/**
 * What the portal reads for the pages that can also be previewed as drafts: the fields and relations
 * of a story and an article. The site's build asks the public REST API for exactly this
 * (site/lib/cms.ts) and the CMS's preview endpoint loads a draft with it (cms/src/preview), so a
 * field added to the page is added to both and the preview validates with the build's schema.
 */
export interface PageQuery {
  readonly fields: readonly string[];
  /** Relation or component → true (everything) or the fields to read of it. */
  readonly populate: Readonly<Record<string, true | { readonly fields: readonly string[] }>>;
}

const kommunRef = { fields: ['slug', 'name'] } as const;
const mediaRef = { fields: ['url', 'alternativeText'] } as const;

export const STORY_PAGE_QUERY: PageQuery = {
  fields: ['title', 'slug', 'lead', 'body', 'themes', 'featured', 'publishedAt'],
  populate: { person: true, kommun: kommunRef, images: mediaRef },
};

export const ARTICLE_PAGE_QUERY: PageQuery = {
  fields: ['title', 'slug', 'lead', 'body', 'category', 'publishedAt'],
  populate: { kommuner: kommunRef },
};

/** The same populate in the REST API's bracketed query form. */
export function populateParams(populate: PageQuery['populate']): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [relation, selection] of Object.entries(populate)) {
    if (selection === true) params[`populate[${relation}]`] = 'true';
    else selection.fields.forEach((field, i) => (params[`populate[${relation}][fields][${i}]`] = field));
  }
  return params;
}
