/**
 * What the portal reads for the pages that can also be previewed as drafts: the fields and relations
 * of a story, an article, an event and a municipality, and of the entries of the list pages. The site's build asks the public REST API for exactly this
 * (site/lib/cms.ts) and the CMS's preview endpoint loads a draft with it (cms/src/preview), so a
 * field added to the page is added to both and the preview validates with the build's schema.
 */
/**
 * Relation or component → true (everything), or the fields to read of it and what to populate in
 * it; a dynamic zone → `on`, per component.
 */
export type PopulateTree = Readonly<Record<string, true | PopulateSelection>>;
export interface PopulateSelection {
  readonly fields?: readonly string[];
  readonly populate?: PopulateTree;
  readonly on?: Readonly<Record<string, true | PopulateSelection>>;
}

export interface PageQuery {
  readonly fields: readonly string[];
  readonly populate: PopulateTree;
}

/** A page's municipality: its page, and the municipality itself (a registration link preselects it). */
const kommunRef = { fields: ['slug', 'name', 'municipality'] } as const;
const mediaRef = { fields: ['url', 'alternativeText'] } as const;
/** The editors' SEO component: title and description for search results, an image for sharing. */
export const SEO_POPULATE = {
  fields: ['metaTitle', 'metaDescription'],
  populate: { shareImage: mediaRef },
} as const;

export const STORY_PAGE_QUERY: PageQuery = {
  fields: ['title', 'slug', 'lead', 'body', 'themes', 'featured', 'publishedAt'],
  populate: { person: true, kommun: kommunRef, images: mediaRef, seo: SEO_POPULATE },
};

export const ARTICLE_PAGE_QUERY: PageQuery = {
  fields: ['title', 'slug', 'lead', 'body', 'category', 'publishedAt'],
  populate: { kommuner: kommunRef, cover: mediaRef, seo: SEO_POPULATE },
};

export const EVENT_PAGE_QUERY: PageQuery = {
  fields: ['title', 'slug', 'startsAt', 'endsAt', 'place', 'signUpUrl', 'signUpOpen', 'description'],
  populate: { kommun: kommunRef, seo: SEO_POPULATE },
};

export const KOMMUN_PAGE_QUERY: PageQuery = {
  fields: ['name', 'slug', 'municipality', 'intro'],
  populate: {
    sections: {
      on: {
        'sections.theme-section': { populate: { links: true } },
        'sections.links': { populate: { links: true } },
        'sections.ambassadors': true,
        'sections.coworking': true,
      },
    },
    guide: true,
    heroImage: mediaRef,
    seo: SEO_POPULATE,
  },
};

/** Entries shown on a list page only (the magazine, the ambassadors, the coworking spaces). */
export const EDITION_LIST_QUERY: PageQuery = {
  fields: ['slug', 'title', 'year', 'description', 'orderable'],
  populate: { cover: mediaRef, pdf: { fields: ['url'] } },
};

/** An ambassador's public fields: never the e-mail or phone, which the CMS keeps private. */
export const AMBASSADOR_LIST_QUERY: PageQuery = {
  fields: ['name', 'slug', 'bio', 'topics', 'languages'],
  populate: { kommun: kommunRef, photo: mediaRef },
};

export const COWORKING_LIST_QUERY: PageQuery = {
  fields: ['name', 'slug', 'latitude', 'longitude', 'description', 'amenities', 'openingHours', 'website'],
  populate: { address: true, kommun: kommunRef },
};

/** The same populate in the REST API's bracketed query form. */
export function populateParams(populate: PopulateTree, prefix = 'populate'): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [relation, selection] of Object.entries(populate)) {
    const key = `${prefix}[${relation}]`;
    if (selection === true) {
      params[key] = 'true';
      continue;
    }
    selection.fields?.forEach((field, i) => (params[`${key}[fields][${i}]`] = field));
    if (selection.populate) Object.assign(params, populateParams(selection.populate, `${key}[populate]`));
    if (selection.on) Object.assign(params, populateParams(selection.on, `${key}[on]`));
  }
  return params;
}
