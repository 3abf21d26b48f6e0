import { readFileSync } from 'node:fs';
import {
  ARTICLE_PAGE_QUERY,
  EVENT_PAGE_QUERY,
  KOMMUN_PAGE_QUERY,
  STORY_PAGE_QUERY,
  populateParams,
  type PageQuery,
} from '@tasteget/shared';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { article, event, kommunPage, story } from '../../site/lib/cms';

/**
 * The page queries (story, article, event, municipality) are shared by the portal's build and the CMS's draft preview: a
 * field the page's schema expects must be in the query (or the build and the preview refuse the
 * CMS's answer), and everything the query names must exist in the content type.
 */
const attributes = (type: string) =>
  Object.keys(
    (
      JSON.parse(
        readFileSync(
          new URL(`../../cms/src/api/${type}/content-types/${type}/schema.json`, import.meta.url),
          'utf8',
        ),
      ) as { attributes: Record<string, unknown> }
    ).attributes,
  );

const cases: [string, PageQuery, z.ZodObject][] = [
  ['story', STORY_PAGE_QUERY, story],
  ['article', ARTICLE_PAGE_QUERY, article],
  ['event', EVENT_PAGE_QUERY, event],
  ['kommun', KOMMUN_PAGE_QUERY, kommunPage],
];

describe.each(cases)('the %s page query', (type, query, schema) => {
  it('asks for every field and relation the page schema expects', () => {
    const asked = [...query.fields, ...Object.keys(query.populate), 'documentId'];
    expect(Object.keys(schema.shape).filter((key) => !asked.includes(key))).toEqual([]);
  });

  it('names only attributes of the content type (publishedAt is Strapi’s own)', () => {
    const known = [...attributes(type), 'publishedAt'];
    const asked = [...query.fields, ...Object.keys(query.populate)];
    expect(asked.filter((name) => !known.includes(name))).toEqual([]);
  });
});

describe('populateParams', () => {
  it('writes the REST API’s bracketed populate', () => {
    expect(populateParams({ person: true, kommun: { fields: ['slug', 'name'] } })).toEqual({
      'populate[person]': 'true',
      'populate[kommun][fields][0]': 'slug',
      'populate[kommun][fields][1]': 'name',
    });
  });

  it('populates a dynamic zone per component', () => {
    expect(
      populateParams({
        sections: { on: { 'sections.links': { populate: { links: true } }, 'sections.coworking': true } },
      }),
    ).toEqual({
      'populate[sections][on][sections.links][populate][links]': 'true',
      'populate[sections][on][sections.coworking]': 'true',
    });
  });

  it('populates inside a component: the SEO component and its share image', () => {
    expect(
      populateParams({ seo: { fields: ['metaTitle'], populate: { shareImage: { fields: ['url'] } } } }),
    ).toEqual({
      'populate[seo][fields][0]': 'metaTitle',
      'populate[seo][populate][shareImage][fields][0]': 'url',
    });
  });
});
