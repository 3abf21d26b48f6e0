import type { UID } from '@strapi/strapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE, COWORKING_SPACE, KOMMUN, STORY } from '../../cms/src/platform/content-types';
import { adminSession, type AdminSession } from '../support/admin';
import { sampleDocument } from '../support/sample-data';
import { startStrapi, type TestStrapi } from '../support/strapi';

/**
 * What an editor's save and publish make of a page: its languages, its address, its pictures.
 *
 * A document's municipality is one fact in both its languages. An English version made in the
 * admin, as the admin's form sends it (the relation "empty": `{connect: [], disconnect: []}`),
 * takes the municipality the Swedish version has, so a municipal editor may save it and the
 * English page names its municipality; a municipality changed on one version is changed on the
 * other. Over the real admin API, as a municipal editor and as the county editor.
 */
let app: TestStrapi;
let municipalEditor: AdminSession;
let countyEditor: AdminSession;
const kommun: Record<'ostersund' | 'krokom', string> = { ostersund: '', krokom: '' };

const cm = (uid: string) => `/content-manager/collection-types/${uid}`;
const EMPTY_RELATION = { connect: [], disconnect: [] };

async function kommunPage(municipality: 'ostersund' | 'krokom', name: string, english: boolean) {
  const data = { ...(sampleDocument(app.strapi, KOMMUN) as object), municipality, name, slug: municipality };
  const created = await app.strapi.documents(KOMMUN).create({ data, locale: 'sv' } as never);
  if (english) {
    await app.strapi.documents(KOMMUN).update({
      documentId: created.documentId,
      locale: 'en',
      data: { ...data, slug: `${municipality}-en` },
    } as never);
  }
  await app.strapi.documents(KOMMUN).publish({ documentId: created.documentId, locale: '*' } as never);
  return created.documentId;
}

/** The municipality of each language version (its draft, or its published version), by the kommun version's locale. */
async function municipalityOf(
  uid: UID.ContentType,
  documentId: string,
  relation = 'kommun',
  published = false,
) {
  const rows = (await app.strapi.db.query(uid).findMany({
    where: { documentId, publishedAt: published ? { $notNull: true } : null },
    populate: { [relation]: { select: ['documentId', 'locale', 'municipality'] } },
  })) as Record<string, unknown>[];
  return Object.fromEntries(
    rows.map((row) => {
      const value = row[relation] as
        { municipality: string; locale: string } | { municipality: string; locale: string }[] | null;
      const list = value == null ? [] : Array.isArray(value) ? value : [value];
      return [row.locale as string, list.map((k) => `${k.municipality}/${k.locale}`).sort()];
    }),
  );
}

function englishStory(title: string) {
  const {
    slug: _slug,
    kommun: _kommun,
    ...data
  } = sampleDocument(app.strapi, STORY) as Record<string, unknown>;
  return { ...data, title, slug: title.toLowerCase().replace(/\s+/g, '-') };
}

async function swedishStory(municipality: 'ostersund' | 'krokom') {
  const created = await app.strapi.documents(STORY).create({
    data: {
      ...(sampleDocument(app.strapi, STORY) as object),
      title: `Berättelse ${municipality}`,
      slug: `berattelse-${municipality}-${Date.now()}`,
      kommun: { connect: [{ documentId: kommun[municipality] }] },
    },
    locale: 'sv',
  } as never);
  return created.documentId;
}

beforeAll(async () => {
  app = await startStrapi();
  kommun.ostersund = await kommunPage('ostersund', 'Östersund', true);
  // Krokom's page has no English version yet: an English story still names Krokom.
  kommun.krokom = await kommunPage('krokom', 'Krokom', false);
  municipalEditor = await adminSession(app.strapi, app.url, 'editor-ostersund', 'redaktor@ostersund.example');
  countyEditor = await adminSession(app.strapi, app.url, 'editor', 'redaktor@regionjh.example');
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

describe('a language version shares the municipality of its document', () => {
  it("lets a municipal editor add the English version of their municipality's story", async () => {
    const story = await swedishStory('ostersund');
    const res = await municipalEditor.fetch(`${cm(STORY)}/${story}?locale=en`, {
      method: 'PUT',
      body: { ...englishStory('A story from Ostersund'), kommun: EMPTY_RELATION },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await municipalityOf(STORY, story)).toEqual({ sv: ['ostersund/sv'], en: ['ostersund/en'] });
  });

  it('fills a version sent without the relation at all, from the county editor too', async () => {
    const story = await swedishStory('krokom');
    const res = await countyEditor.fetch(`${cm(STORY)}/${story}?locale=en`, {
      method: 'PUT',
      body: englishStory('A story from Krokom'),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    // Krokom has no English page: the English story points at its Swedish one.
    expect(await municipalityOf(STORY, story)).toEqual({ sv: ['krokom/sv'], en: ['krokom/sv'] });
  });

  it("keeps a municipal editor's English version of another municipality's story refused", async () => {
    const story = await swedishStory('krokom');
    const res = await municipalEditor.fetch(`${cm(STORY)}/${story}?locale=en`, {
      method: 'PUT',
      body: { ...englishStory('Not mine'), kommun: EMPTY_RELATION },
    });
    expect(res.status).toBe(403);
    // In an editor's words: their municipality, not a guide's queue.
    const { error } = (await res.json()) as { error: { details: { messages: { sv: string; en: string } } } };
    expect(error.details.messages.sv).toMatch(/^Det här hör till en annan kommun än din\./);
    expect(error.details.messages.en).toMatch(/^This belongs to another municipality than yours\./);
    expect(await municipalityOf(STORY, story)).toEqual({ sv: ['krokom/sv'] });
  });

  it("lets no municipal editor take another municipality's story by adding its English version in their own", async () => {
    const story = await swedishStory('krokom');
    const res = await municipalEditor.fetch(`${cm(STORY)}/${story}?locale=en`, {
      method: 'PUT',
      body: {
        ...englishStory('Mine now'),
        kommun: { connect: [{ documentId: kommun.ostersund, locale: 'en' }], disconnect: [] },
      },
    });
    expect(res.status).toBe(403);
    const { error } = (await res.json()) as { error: { details: { messages: { sv: string } } } };
    expect(error.details.messages.sv).toMatch(/^Det här hör till en annan kommun än din\./);
    // Krokom's story is as it was: no English version, and still Krokom's.
    expect(await municipalityOf(STORY, story)).toEqual({ sv: ['krokom/sv'] });
  });

  it('moves every language version when the municipality is changed on one', async () => {
    const story = await swedishStory('ostersund');
    await countyEditor.fetch(`${cm(STORY)}/${story}?locale=en`, {
      method: 'PUT',
      body: englishStory('Moving story'),
    });
    const moved = await countyEditor.fetch(`${cm(STORY)}/${story}?locale=sv`, {
      method: 'PUT',
      body: { kommun: { connect: [{ documentId: kommun.krokom, locale: 'sv' }], disconnect: [] } },
    });
    expect(moved.status, await moved.clone().text()).toBe(200);
    expect(await municipalityOf(STORY, story)).toEqual({ sv: ['krokom/sv'], en: ['krokom/sv'] });
    // And back, from the English version: Östersund's English page on the English version.
    const back = await countyEditor.fetch(`${cm(STORY)}/${story}?locale=en`, {
      method: 'PUT',
      body: { kommun: { connect: [{ documentId: kommun.ostersund, locale: 'en' }], disconnect: [] } },
    });
    expect(back.status, await back.clone().text()).toBe(200);
    expect(await municipalityOf(STORY, story)).toEqual({ sv: ['ostersund/sv'], en: ['ostersund/en'] });
  });

  it('moves the published versions when one language is published, and the rights with them', async () => {
    const story = await swedishStory('ostersund');
    const publish = (who: AdminSession, locale: string) =>
      who.fetch(`${cm(STORY)}/${story}/actions/publish?locale=${locale}`, { method: 'POST', body: {} });
    await countyEditor.fetch(`${cm(STORY)}/${story}?locale=en`, {
      method: 'PUT',
      body: englishStory('Published story'),
    });
    for (const locale of ['sv', 'en']) expect((await publish(countyEditor, locale)).status).toBe(200);
    expect(await municipalityOf(STORY, story, 'kommun', true)).toEqual({
      sv: ['ostersund/sv'],
      en: ['ostersund/en'],
    });

    await countyEditor.fetch(`${cm(STORY)}/${story}?locale=sv`, {
      method: 'PUT',
      body: { kommun: { connect: [{ documentId: kommun.krokom, locale: 'sv' }], disconnect: [] } },
    });
    // Saved, not yet published: the portal still shows Östersund in both languages.
    expect(await municipalityOf(STORY, story, 'kommun', true)).toEqual({
      sv: ['ostersund/sv'],
      en: ['ostersund/en'],
    });
    expect((await publish(countyEditor, 'sv')).status).toBe(200);
    expect(await municipalityOf(STORY, story, 'kommun', true)).toEqual({
      sv: ['krokom/sv'],
      en: ['krokom/sv'],
    });

    // Now Krokom's in both languages: Östersund's editor cannot take its English page down.
    const unpublished = await municipalEditor.fetch(`${cm(STORY)}/${story}/actions/unpublish?locale=en`, {
      method: 'POST',
      body: {},
    });
    expect(unpublished.status).toBe(403);
    expect(await municipalityOf(STORY, story, 'kommun', true)).toEqual({
      sv: ['krokom/sv'],
      en: ['krokom/sv'],
    });
  });

  it("shares an article's several municipalities the same way", async () => {
    const created = await app.strapi.documents(ARTICLE).create({
      data: {
        ...(sampleDocument(app.strapi, ARTICLE) as object),
        slug: `nyhet-${Date.now()}`,
        kommuner: { connect: [{ documentId: kommun.ostersund }, { documentId: kommun.krokom }] },
      },
      locale: 'sv',
    } as never);
    const {
      slug: _slug,
      kommuner: _kommuner,
      ...english
    } = sampleDocument(app.strapi, ARTICLE) as Record<string, unknown>;
    const res = await countyEditor.fetch(`${cm(ARTICLE)}/${created.documentId}?locale=en`, {
      method: 'PUT',
      body: { ...english, slug: `news-${Date.now()}`, kommuner: EMPTY_RELATION },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await municipalityOf(ARTICLE, created.documentId, 'kommuner')).toEqual({
      sv: ['krokom/sv', 'ostersund/sv'],
      en: ['krokom/sv', 'ostersund/en'],
    });
  });
});

describe("a page's municipality picker", () => {
  /** What the admin's picker offers for a type's municipality field, as the admin asks for it. */
  async function offered(session: AdminSession, uid: string, field: string, search?: string) {
    const query = new URLSearchParams({ locale: 'sv', pageSize: '10', ...(search ? { _q: search } : {}) });
    const res = await session.fetch(`/content-manager/relations/${uid}/${field}?${query}`);
    expect(res.status, await res.clone().text()).toBe(200);
    const { results } = (await res.json()) as { results: { documentId: string }[] };
    return results.map((k) => k.documentId).sort();
  }

  it("offers a municipal editor their own municipality only, for every type's field", async () => {
    for (const [uid, field] of [
      [STORY, 'kommun'],
      [COWORKING_SPACE, 'kommun'],
      [ARTICLE, 'kommuner'],
    ] as const) {
      expect(await offered(municipalEditor, uid, field), uid).toEqual([kommun.ostersund]);
      // A search for another municipality finds nothing to choose.
      expect(await offered(municipalEditor, uid, field, 'Krokom'), uid).toEqual([]);
    }
  });

  it('offers the county editor every municipality', async () => {
    expect(await offered(countyEditor, STORY, 'kommun')).toEqual([kommun.krokom, kommun.ostersund].sort());
  });
});

describe("a document's shared parts", () => {
  const draftsOf = async (uid: UID.ContentType, documentId: string, field: string) =>
    Object.fromEntries(
      (
        (await app.strapi.db.query(uid).findMany({
          where: { documentId, publishedAt: null },
          populate: { [field]: true },
        })) as Record<string, unknown>[]
      ).map((row) => {
        const { id: _id, ...value } = (row[field] ?? {}) as Record<string, unknown>;
        return [row.locale as string, value];
      }),
    );

  it("keep a coworking space's address when its English version is made with the form's empty one", async () => {
    const address = { street: 'Kyrkvägen 3', postalCode: '834 31', city: 'Brunflo' };
    const space = await app.strapi.documents(COWORKING_SPACE).create({
      data: {
        ...(sampleDocument(app.strapi, COWORKING_SPACE) as object),
        name: 'Brunflo Kontorsnav',
        address,
        kommun: { connect: [{ documentId: kommun.ostersund }] },
      },
      locale: 'sv',
    } as never);
    const {
      slug: _slug,
      kommun: _kommun,
      address: _address,
      ...english
    } = sampleDocument(app.strapi, COWORKING_SPACE) as Record<string, unknown>;
    // The admin's form sends the shared address it shows empty.
    const made = await municipalEditor.fetch(`${cm(COWORKING_SPACE)}/${space.documentId}?locale=en`, {
      method: 'PUT',
      body: { ...english, name: 'Brunflo Office Hub', slug: `brunflo-office-hub-${Date.now()}`, address: {} },
    });
    expect(made.status, await made.clone().text()).toBe(200);
    expect(await draftsOf(COWORKING_SPACE, space.documentId, 'address')).toEqual({
      sv: address,
      en: address,
    });

    // The form's blank fields, as strings and nulls, are just as empty.
    const second = await app.strapi.documents(COWORKING_SPACE).create({
      data: {
        ...(sampleDocument(app.strapi, COWORKING_SPACE) as object),
        address,
        kommun: { connect: [{ documentId: kommun.ostersund }] },
      },
      locale: 'sv',
    } as never);
    const res = await municipalEditor.fetch(`${cm(COWORKING_SPACE)}/${second.documentId}?locale=en`, {
      method: 'PUT',
      body: {
        ...english,
        slug: `second-hub-${Date.now()}`,
        address: { street: null, postalCode: '', city: null },
      },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await draftsOf(COWORKING_SPACE, second.documentId, 'address')).toEqual({
      sv: address,
      en: address,
    });
  });

  it("keep a municipality page's guide when its English version is made with the form's blank one", async () => {
    const guide = {
      name: 'Anna Berg',
      title: 'Flyttvägledare',
      titleEn: 'Relocation guide',
      email: 'anna@krokom.example',
      phone: '0640-123 45',
    };
    const page = await app.strapi.documents(KOMMUN).create({
      data: {
        ...(sampleDocument(app.strapi, KOMMUN) as object),
        municipality: 'ragunda',
        name: 'Ragunda',
        slug: 'ragunda',
        guide,
      },
      locale: 'sv',
    } as never);
    const res = await countyEditor.fetch(`${cm(KOMMUN)}/${page.documentId}?locale=en`, {
      method: 'PUT',
      body: {
        ...(sampleDocument(app.strapi, KOMMUN) as object),
        municipality: 'ragunda',
        name: 'Ragunda',
        slug: 'ragunda-en',
        guide: { name: '', title: '', titleEn: '', email: '', phone: '' },
      },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await draftsOf(KOMMUN, page.documentId, 'guide')).toEqual({ sv: guide, en: guide });
  });
});

describe("a page's address", () => {
  const slugOf = async (uid: UID.ContentType, documentId: string, locale: string) =>
    (
      (await app.strapi.db.query(uid).findOne({ where: { documentId, locale, publishedAt: null } })) as {
        slug: string;
      }
    ).slug;

  it('is proposed by the admin in Swedish spelling', async () => {
    const res = await countyEditor.fetch('/content-manager/uid/generate?locale=sv', {
      body: { contentTypeUID: ARTICLE, field: 'slug', data: { title: 'Nytt nätverk för inflyttade i Åre' } },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as { data: string }).data).toBe('nytt-natverk-for-inflyttade-i-are');
  });

  it("of a new document or language version is its title's, not the admin's placeholder", async () => {
    // The admin proposes the type's name before the title is written, and keeps it.
    const created = await countyEditor.fetch(`${cm(ARTICLE)}?locale=sv`, {
      body: {
        ...(sampleDocument(app.strapi, ARTICLE) as object),
        title: 'Fullsatt på träffen i Krokom',
        slug: 'article',
      },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { documentId } = ((await created.json()) as { data: { documentId: string } }).data;
    expect(await slugOf(ARTICLE, documentId, 'sv')).toBe('fullsatt-pa-traffen-i-krokom');

    const story = await swedishStory('ostersund');
    const english = await municipalEditor.fetch(`${cm(STORY)}/${story}?locale=en`, {
      method: 'PUT',
      body: { ...englishStory('Klara studies in Ostersund'), slug: 'story', kommun: EMPTY_RELATION },
    });
    expect(english.status, await english.clone().text()).toBe(200);
    expect(await slugOf(STORY, story, 'en')).toBe('klara-studies-in-ostersund');
  });

  it('written by the editor, or saved before, is kept', async () => {
    const story = await swedishStory('ostersund');
    const english = await countyEditor.fetch(`${cm(STORY)}/${story}?locale=en`, {
      method: 'PUT',
      body: { ...englishStory('Own address'), slug: 'my-own-address' },
    });
    expect(english.status).toBe(200);
    expect(await slugOf(STORY, story, 'en')).toBe('my-own-address');
    // A page published with the placeholder before this rule keeps its address (links to it exist).
    await app.strapi.db
      .query(STORY)
      .update({ where: { documentId: story, locale: 'en' }, data: { slug: 'story-7' } });
    await app.strapi.documents(STORY).publish({ documentId: story, locale: 'en' } as never);
    const saved = await countyEditor.fetch(`${cm(STORY)}/${story}?locale=en`, {
      method: 'PUT',
      body: { title: 'Own address, again', slug: 'story-7' },
    });
    expect(saved.status).toBe(200);
    expect(await slugOf(STORY, story, 'en')).toBe('story-7');
  });

  it("of a draft saved before its title was written is its title's once it has one", async () => {
    // Saved at once: Strapi keeps the type's name as the address of a draft with no title.
    const created = await countyEditor.fetch(`${cm(ARTICLE)}?locale=sv`, { body: { slug: 'article' } });
    expect(created.status, await created.clone().text()).toBe(201);
    const { documentId } = ((await created.json()) as { data: { documentId: string } }).data;
    expect(await slugOf(ARTICLE, documentId, 'sv')).toBe('article');
    const titled = await countyEditor.fetch(`${cm(ARTICLE)}/${documentId}?locale=sv`, {
      method: 'PUT',
      body: {
        ...(sampleDocument(app.strapi, ARTICLE) as object),
        title: 'Ny pendelbuss till Åre',
        slug: 'article',
      },
    });
    expect(titled.status, await titled.clone().text()).toBe(200);
    expect(await slugOf(ARTICLE, documentId, 'sv')).toBe('ny-pendelbuss-till-are');
  });

  it('of an event that ends before it starts is never saved: an event ends after it starts', async () => {
    const EVENT = 'api::event.event';
    const sample = sampleDocument(app.strapi, EVENT) as Record<string, unknown>;
    const refusedOnEnd = async (res: Response) => {
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as {
        error: { details: { messages: { sv: string }; errors: { path: string[] }[] } };
      };
      expect(error.details.messages.sv).toBe('Slutar: sluttiden måste vara efter starttiden.');
      expect(error.details.errors.map((e) => e.path.join('.'))).toEqual(['endsAt']);
    };
    await refusedOnEnd(
      await countyEditor.fetch(`${cm(EVENT)}?locale=sv`, {
        body: { ...sample, startsAt: '2027-02-15T17:00:00.000Z', endsAt: '2027-02-14T19:00:00.000Z' },
      }),
    );
    const created = await countyEditor.fetch(`${cm(EVENT)}?locale=sv`, {
      body: { ...sample, startsAt: '2027-02-15T17:00:00.000Z', endsAt: '2027-02-15T19:00:00.000Z' },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { documentId } = ((await created.json()) as { data: { documentId: string } }).data;
    // Moving the start alone past the stored end is refused the same way.
    await refusedOnEnd(
      await countyEditor.fetch(`${cm(EVENT)}/${documentId}?locale=sv`, {
        method: 'PUT',
        body: { startsAt: '2027-02-16T17:00:00.000Z' },
      }),
    );
  });

  it('is a link a visitor can follow, checked in a draft too', async () => {
    const event = async (signUpUrl: string) =>
      countyEditor.fetch(`${cm('api::event.event')}?locale=sv`, {
        body: { ...(sampleDocument(app.strapi, 'api::event.event') as object), signUpUrl },
      });
    for (const bad of ['javascript:alert(document.cookie)', '//evil.example/x', 'www.example.se']) {
      const refused = await event(bad);
      expect(refused.status, bad).toBe(400);
      const { error } = (await refused.json()) as {
        error: { details: { messages: { sv: string }; errors: { path: string[] }[] } };
      };
      expect(error.details.messages.sv).toMatch(
        /skriv en länk som börjar med https:\/\/ \(eller \/ för en sida på portalen\)\.$/,
      );
      expect(error.details.errors.map((e) => e.path.join('.'))).toEqual(['signUpUrl']);
    }
    for (const good of ['https://www.example.se/anmalan', '/evenemang/']) {
      expect((await event(good)).status, good).toBe(201);
    }
    // A link inside a page's sections too, named by where it is.
    const section = await countyEditor.fetch(`${cm(KOMMUN)}/${kommun.krokom}?locale=sv`, {
      method: 'PUT',
      body: {
        sections: [
          {
            __component: 'sections.links',
            heading: 'Bra att veta',
            links: [
              { label: 'Kommunen', url: 'https://www.krokom.se/' },
              { label: 'Klicka', url: 'javascript:alert(1)' },
            ],
          },
        ],
      },
    });
    expect(section.status).toBe(400);
    const { error } = (await section.json()) as { error: { details: { errors: { path: string[] }[] } } };
    expect(error.details.errors.map((e) => e.path.join('.'))).toEqual(['sections.0.links.1.url']);
  });
});

describe("a page's pictures", () => {
  it('reach the portal only with alt text: a publish without it is refused, naming the picture', async () => {
    const file = (await app.strapi.db.query('plugin::upload.file').create({
      data: {
        name: 'utsikt-over-storsjon.jpg',
        hash: `utsikt_${Date.now()}`,
        ext: '.jpg',
        mime: 'image/jpeg',
        size: 12.5,
        url: '/uploads/utsikt-over-storsjon.jpg',
        provider: 'local',
        alternativeText: null,
      },
    })) as { id: number };
    const created = await app.strapi.documents(STORY).create({
      data: {
        ...(sampleDocument(app.strapi, STORY) as object),
        kommun: { connect: [{ documentId: kommun.ostersund }] },
        images: [file.id],
      },
      locale: 'sv',
    } as never);
    const publish = () =>
      municipalEditor.fetch(`${cm(STORY)}/${created.documentId}/actions/publish?locale=sv`, {
        method: 'POST',
        body: {},
      });
    const refused = await publish();
    expect(refused.status).toBe(400);
    const { error } = (await refused.json()) as {
      error: { details: { messages: { sv: string; en: string }; errors: { path: string[] }[] } };
    };
    expect(error.details.messages.sv).toBe(
      'Bilden ”utsikt-over-storsjon.jpg” saknar alternativtext. Skriv i mediebiblioteket vad bilden visar (fältet Alternativtext), så att den som inte ser den får veta det, och publicera sedan.',
    );
    expect(error.details.messages.en).toMatch(
      /^The picture ”utsikt-over-storsjon.jpg” has no alternative text\./,
    );
    expect(error.details.errors.map((e) => e.path.join('.'))).toEqual(['images']);
    expect(
      await app.strapi.db
        .query(STORY)
        .count({ where: { documentId: created.documentId, publishedAt: { $notNull: true } } }),
    ).toBe(0);

    // Spaces are no words either; written in the Media Library, the page is published.
    const upload = app.strapi.plugin('upload').service('upload');
    await upload.updateFileInfo(file.id, { alternativeText: '   ' });
    expect((await publish()).status).toBe(400);
    await upload.updateFileInfo(file.id, { alternativeText: 'Utsikt över Storsjön en vinterdag' });
    expect((await publish()).status).toBe(200);
  });
});
