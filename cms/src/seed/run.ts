import type { Core, UID } from '@strapi/strapi';
import {
  addDays,
  municipalityName,
  stockholmDate,
  stockholmInstant,
  type MunicipalitySlug,
} from '@tasteget/shared';
import { environment } from '../platform/environment';
import { paragraphs } from './blocks';
import { ACCESSIBILITY } from './data/accessibility';
import { AMBASSADORS } from './data/ambassadors';
import { ARTICLES } from './data/articles';
import { COWORKING } from './data/coworking';
import { EDITIONS } from './data/editions';
import { EVENTS } from './data/events';
import { KOMMUNER } from './data/kommuner';
import { NETWORK } from './data/network';
import { NEWSLETTERS } from './data/newsletters';
import { STORIES } from './data/stories';
import { ensureDemoUsers } from './demo-users';
import { seedImage } from './images';
import {
  ACCESSIBILITY_STATEMENT,
  AMBASSADOR,
  ARTICLE,
  COWORKING_SPACE,
  EDITION,
  EVENT,
  KOMMUN,
  NETWORK_CONTACT,
  NEWSLETTER,
  STORY,
} from '../platform/content-types';

/**
 * Demo content for local use and tests: created on the first start of an empty database and by
 * `npm run seed`. Idempotent: every entry is identified by its slug (media by file name), and only
 * what is missing is created, so running it again changes nothing.
 */
export type SeedReport = Record<string, number>;

export async function seedIfEmpty(strapi: Core.Strapi) {
  const existing = await strapi.documents(KOMMUN).count({});
  if (existing > 0) return;
  strapi.log.info('Empty database: seeding the demo content');
  const report = await seedDemoContent(strapi);
  strapi.log.info(`Seeded: ${JSON.stringify(report)}`);
}

type Data = Record<string, unknown>;

export async function seedDemoContent(strapi: Core.Strapi): Promise<SeedReport> {
  const report: SeedReport = {};
  const count = (key: string) => (report[key] = (report[key] ?? 0) + 1);

  /** Creates the Swedish document (and its English version) unless its slug exists. */
  async function ensure(uid: UID.ContentType, slug: string, sv: Data, en?: Data, publish = true) {
    const docs = strapi.documents(uid);
    const status = publish ? ('published' as const) : undefined;
    let doc = await docs.findFirst({ filters: { slug }, locale: 'sv', status: 'draft' } as never);
    if (!doc) {
      doc = await docs.create({ data: { ...sv, slug }, locale: 'sv', status } as never);
      count(uid.split('.')[1]);
    }
    if (en) {
      const translated = await docs.findOne({
        documentId: doc.documentId,
        locale: 'en',
        status: 'draft',
      } as never);
      if (!translated) {
        await docs.update({
          documentId: doc.documentId,
          locale: 'en',
          data: { ...sv, ...en, slug },
          status,
        } as never);
        count(`${uid.split('.')[1]}:en`);
      }
    }
    return doc.documentId as string;
  }

  const hueOf = (m: MunicipalitySlug) => (KOMMUNER.findIndex((k) => k.municipality === m) * 45) % 360;
  const landscape = async (m: MunicipalitySlug, variant: number) =>
    (
      await seedImage(
        strapi,
        `landskap-${m}-${variant}.jpg`,
        'landscape',
        (hueOf(m) + variant * 20) % 360,
        `Fjäll och sjö i ${municipalityName(m)} (illustration)`,
      )
    ).id;

  // Municipalities first: everything else points at them.
  const kommunIds = new Map<MunicipalitySlug, string>();
  for (const k of KOMMUNER) {
    const heroImage = await landscape(k.municipality, 0);
    const extraSections = (lang: 'sv' | 'en') => [
      {
        __component: 'sections.coworking',
        heading: lang === 'sv' ? `Coworking i ${k.name}` : `Coworking in ${k.name}`,
        intro:
          lang === 'sv'
            ? 'Här kan du arbeta på distans med kollegor runt omkring dig.'
            : 'Work remotely with colleagues around you.',
      },
      {
        __component: 'sections.ambassadors',
        heading: lang === 'sv' ? 'Möt våra ambassadörer' : 'Meet our ambassadors',
        intro:
          lang === 'sv'
            ? 'Ambassadörerna bor här och berättar gärna hur det är.'
            : 'Our ambassadors live here and are happy to tell you what it is like.',
      },
    ];
    const sv = {
      name: k.name,
      municipality: k.municipality,
      intro: k.intro,
      heroImage,
      guide: k.guide,
      sections: [
        ...k.sections.map((s) => ({
          __component: 'sections.theme-section',
          theme: s.theme,
          heading: s.heading,
          body: paragraphs(s.body),
          links: (s.links ?? []).map(({ label, url }) => ({ label, url })),
        })),
        ...extraSections('sv'),
      ],
      seo: { metaTitle: `Flytta till ${k.name}`, metaDescription: k.intro.slice(0, 160) },
    };
    const en = {
      intro: k.en.intro,
      sections: [
        ...k.sections.map((s, i) => ({
          __component: 'sections.theme-section',
          theme: s.theme,
          heading: k.en.sections[i]?.heading ?? s.heading,
          body: paragraphs(k.en.sections[i]?.body ?? s.body),
          links: (s.links ?? []).map(({ labelEn, url }) => ({ label: labelEn, url })),
        })),
        ...extraSections('en'),
      ],
      seo: { metaTitle: `Move to ${k.name}`, metaDescription: k.en.intro.slice(0, 160) },
    };
    kommunIds.set(k.municipality, await ensure(KOMMUN, k.municipality, sv, en));
  }
  const kommun = (m: MunicipalitySlug) => kommunIds.get(m);

  for (const [i, s] of STORIES.entries()) {
    const sv = {
      title: s.title,
      lead: s.lead,
      body: paragraphs(s.body),
      person: s.person,
      kommun: kommun(s.municipality),
      themes: s.themes,
      featured: s.featured ?? false,
      images: [await landscape(s.municipality, 1 + (i % 2))],
    };
    const en = s.en && {
      title: s.en.title,
      lead: s.en.lead,
      body: paragraphs(s.en.body),
      person: { ...s.person, ...s.en.person },
    };
    await ensure(STORY, s.slug, sv, en);
  }

  for (const a of ARTICLES) {
    const sv = {
      title: a.title,
      lead: a.lead,
      body: paragraphs(a.body),
      category: a.category,
      kommuner: a.municipalities.map(kommun),
      cover: await landscape(a.municipalities[0], 3),
    };
    const en = a.en && { title: a.en.title, lead: a.en.lead, body: paragraphs(a.en.body) };
    await ensure(ARTICLE, a.slug, sv, en);
  }

  const now = new Date();
  for (const e of EVENTS) {
    const startsAt = stockholmInstant(addDays(stockholmDate(now), e.startsInDays), `${e.startTime}:00`);
    const sv = {
      title: e.title,
      startsAt,
      endsAt: new Date(startsAt.getTime() + e.durationHours * 3_600_000),
      place: e.place,
      kommun: kommun(e.municipality),
      description: paragraphs(e.description),
      signUpUrl: e.signUpUrl,
      ...(e.places ? { signUpOpen: true, capacity: e.places } : {}),
    };
    const en = e.en && { title: e.en.title, place: e.en.place, description: paragraphs(e.en.description) };
    await ensure(EVENT, e.slug, sv, en);
  }

  for (const [i, m] of EDITIONS.entries()) {
    const cover = await seedImage(
      strapi,
      `omslag-${m.slug}.jpg`,
      'cover',
      20 + i * 110,
      `Omslaget till ${m.title}`,
    );
    const sv = {
      year: m.year,
      title: m.title,
      description: m.description,
      orderable: m.orderable,
      cover: cover.id,
    };
    await ensure(EDITION, m.slug, sv, m.en);
  }

  for (const [i, a] of AMBASSADORS.entries()) {
    const photo = await seedImage(
      strapi,
      `portratt-${i % 4}.jpg`,
      'portrait',
      i * 90,
      'Porträtt (illustration)',
    );
    const sv = {
      name: a.name,
      kommun: kommun(a.municipality),
      bio: a.bio,
      topics: a.topics,
      languages: a.languages,
      consentToPublish: a.consentToPublish,
      photo: photo.id,
    };
    // Without consent the ambassador stays a draft: the consent rule refuses to publish it.
    await ensure(AMBASSADOR, a.slug, sv, a.en, a.consentToPublish);
  }

  for (const c of COWORKING) {
    const sv = {
      name: c.name,
      kommun: kommun(c.municipality),
      address: c.address,
      latitude: c.latitude,
      longitude: c.longitude,
      description: c.description,
      amenities: c.amenities,
      openingHours: c.openingHours,
      website: c.website,
      image: await landscape(c.municipality, 4),
    };
    await ensure(COWORKING_SPACE, c.slug, sv, c.en);
  }

  // The accessibility statement (a single type): one document, in both languages.
  const statements = strapi.documents(ACCESSIBILITY_STATEMENT);
  if (!(await statements.findFirst({ locale: 'sv', status: 'draft' } as never))) {
    const statement = await statements.create({
      data: { ...ACCESSIBILITY.shared, ...ACCESSIBILITY.sv },
      locale: 'sv',
      status: 'published',
    } as never);
    await statements.update({
      documentId: statement.documentId,
      data: { ...ACCESSIBILITY.shared, ...ACCESSIBILITY.en },
      locale: 'en',
      status: 'published',
    } as never);
    count('accessibility-statement');
  }

  if (!environment().isProduction) {
    const users = await ensureDemoUsers(strapi);
    if (users > 0) report['admin-users'] = users;
    // Private details, even invented ones, are no production seed.
    for (const n of NETWORK) {
      if (await strapi.db.query(NETWORK_CONTACT).count({ where: { email: n.email } })) continue;
      const { consent, ambassador, coworkingSpace, ...fields } = n;
      const linked = async (uid: UID.ContentType, slug: string | undefined) =>
        slug
          ? (await strapi.documents(uid).findFirst({ filters: { slug }, locale: 'sv' } as never))?.documentId
          : undefined;
      await strapi.documents(NETWORK_CONTACT).create({
        data: {
          ...fields,
          consentAt: consent ? new Date() : null,
          ambassador: await linked(AMBASSADOR, ambassador),
          coworkingSpace: await linked(COWORKING_SPACE, coworkingSpace),
        },
      } as never);
      count('network-contact');
    }
  }
  for (const newsletter of NEWSLETTERS) {
    const found = await strapi.db.query(NEWSLETTER).findOne({ where: { slug: newsletter.slug } });
    if (found) continue;
    await strapi.db.query(NEWSLETTER).create({ data: { ...newsletter, publishedAt: new Date() } });
    count('newsletter');
  }

  return report;
}
