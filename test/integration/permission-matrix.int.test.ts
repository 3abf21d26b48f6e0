import type { UID } from '@strapi/strapi';
import type { QueueOwner } from '@tasteget/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCESSIBILITY_STATEMENT,
  ACTIVITY,
  AMBASSADOR,
  ARTICLE,
  AUDIT,
  CAMPAIGN,
  CONSENT,
  CONTACT,
  COWORKING_SPACE,
  DELIVERY,
  EDITION,
  EVENT,
  GUIDE_ASSIGNMENT,
  NEWSLETTER,
  EVENT_REGISTRATION,
  NETWORK_CONTACT,
  INBOUND,
  KOMMUN,
  ORDER,
  OUTBOX,
  STORY,
  SUBSCRIPTION,
  SUPPRESSION,
} from '../../cms/src/platform/content-types';
import type { StaffRoleKey } from '../../cms/src/platform/admin-roles';
import { ADMIN_PASSWORD, adminSession, type AdminSession } from '../support/admin';
import { createCampaign } from '../support/newsletter';
import { isLocalized as localizedIn, sampleDocument, sampleRelations } from '../support/sample-data';
import { startSmtp, type TestSmtp } from '../support/smtp';
import { startStrapi, type TestStrapi } from '../support/strapi';

/**
 * Who may do what, as a table, checked over the real admin API as a user of each role: every
 * content type × every Content Manager action × own and other municipality (or queue), every
 * admin route of the project, and Strapi's settings. The table below is the specification (the
 * roles table of docs/architecture.md in test form); the test walks what the running Strapi
 * has, so a new content type or admin route fails here until it is given a row.
 *
 * `own` means allowed on a record of the actor's own municipality or queue and refused (403, and
 * nothing stored) on one of another; `allow` is 2xx (routes: anything past the role check, a 400
 * for a deliberately incomplete body included); `deny` is 403.
 */
type Expect = 'allow' | 'deny' | 'own';
type CmAction = 'list' | 'read' | 'create' | 'update' | 'delete' | 'publish';
const CM_ACTIONS: CmAction[] = ['list', 'read', 'create', 'update', 'delete', 'publish'];
type Actor = 'superAdmin' | 'countyEditor' | 'municipalEditor' | 'guide' | 'regionGuide' | 'coordinator';
type Scope = QueueOwner;

const ACTORS: Record<Actor, { role: StaffRoleKey | 'super'; queue?: QueueOwner; own: Scope; other: Scope }> =
  {
    superAdmin: { role: 'super', own: 'ostersund', other: 'krokom' },
    countyEditor: { role: 'editor', own: 'ostersund', other: 'krokom' },
    municipalEditor: { role: 'editor-ostersund', own: 'ostersund', other: 'krokom' },
    guide: { role: 'guide', queue: 'ostersund', own: 'ostersund', other: 'krokom' },
    regionGuide: { role: 'guide', queue: 'region', own: 'region', other: 'ostersund' },
    coordinator: { role: 'coordinator', queue: 'region', own: 'ostersund', other: 'krokom' },
  };

type Row = Partial<Record<CmAction, Expect>>;
const ALL: Row = {
  list: 'allow',
  read: 'allow',
  create: 'allow',
  update: 'allow',
  delete: 'allow',
  publish: 'allow',
};
const READ: Row = { list: 'allow', read: 'allow' };

/** The table: per class of content type, per actor; an action not named is denied. */
const CLASSES = {
  municipalContent: {
    countyEditor: ALL,
    municipalEditor: { ...READ, create: 'own', update: 'own', delete: 'own', publish: 'own' },
    guide: READ,
    regionGuide: READ,
    coordinator: ALL,
  },
  kommunPage: {
    countyEditor: ALL,
    municipalEditor: { ...READ, create: 'own', update: 'own', publish: 'own' },
    guide: READ,
    regionGuide: READ,
    coordinator: ALL,
  },
  countyContent: {
    countyEditor: ALL,
    municipalEditor: READ,
    guide: READ,
    regionGuide: READ,
    coordinator: ALL,
  },
  contact: {
    guide: { ...READ, create: 'allow', update: 'own' },
    regionGuide: { ...READ, create: 'allow', update: 'own' },
    coordinator: ALL,
  },
  contactRecord: {
    guide: { ...READ, create: 'own', update: 'own' },
    regionGuide: { ...READ, create: 'own', update: 'own' },
    coordinator: ALL,
  },
  // Append-only: a correction is a new entry.
  dialogLog: {
    guide: { ...READ, create: 'own' },
    regionGuide: { ...READ, create: 'own' },
    coordinator: { ...READ, create: 'allow' },
  },
  campaign: {
    guide: { ...READ, create: 'allow', update: 'allow' },
    regionGuide: { ...READ, create: 'allow', update: 'allow' },
    coordinator: ALL,
  },
  guideAssignment: { guide: READ, regionGuide: READ, coordinator: ALL },
  delivery: { guide: READ, regionGuide: READ, coordinator: READ },
  consentLog: { guide: READ, regionGuide: READ, coordinator: READ },
  systemRecord: { coordinator: READ },
  // Read-only to everyone in the admin, a Super Admin included.
  registerLog: { superAdmin: READ, coordinator: READ },
} satisfies Record<string, Partial<Record<Actor, Row>>>;
type TypeClass = keyof typeof CLASSES;

const CLASS_OF: Record<string, TypeClass> = {
  [STORY]: 'municipalContent',
  [ARTICLE]: 'municipalContent',
  [EVENT]: 'municipalContent',
  [AMBASSADOR]: 'municipalContent',
  [COWORKING_SPACE]: 'municipalContent',
  [KOMMUN]: 'kommunPage',
  [EDITION]: 'countyContent',
  [ACCESSIBILITY_STATEMENT]: 'countyContent',
  [CONTACT]: 'contact',
  [ACTIVITY]: 'dialogLog',
  [ORDER]: 'contactRecord',
  [SUBSCRIPTION]: 'contactRecord',
  [CAMPAIGN]: 'campaign',
  [GUIDE_ASSIGNMENT]: 'guideAssignment',
  [NEWSLETTER]: 'guideAssignment',
  [EVENT_REGISTRATION]: 'contactRecord',
  [NETWORK_CONTACT]: 'contact',
  [DELIVERY]: 'delivery',
  [CONSENT]: 'consentLog',
  [OUTBOX]: 'systemRecord',
  [AUDIT]: 'registerLog',
  [INBOUND]: 'systemRecord',
  [SUPPRESSION]: 'systemRecord',
};

/** Where a record's municipality or queue is set, for the fixtures (as the platform reads it). */
const SCOPE_OF: Partial<
  Record<string, 'queue' | 'contact' | 'network' | 'municipality' | 'kommun' | 'kommuner'>
> = {
  [CONTACT]: 'queue',
  [NETWORK_CONTACT]: 'network',
  [ACTIVITY]: 'contact',
  [ORDER]: 'contact',
  [SUBSCRIPTION]: 'contact',
  [EVENT_REGISTRATION]: 'contact',
  [KOMMUN]: 'municipality',
  [STORY]: 'kommun',
  [EVENT]: 'kommun',
  [AMBASSADOR]: 'kommun',
  [COWORKING_SPACE]: 'kommun',
  [ARTICLE]: 'kommuner',
};

/** The project's admin routes: per route, its request (for own and other) and who passes it. */
type RouteRequest = (ids: RouteIds) => { path: string; body?: unknown };
type RouteIds = { contact: string; campaign: string; spareCampaign: string; subscription: string };
const WORKERS = { guide: 'allow', regionGuide: 'allow', coordinator: 'allow' } as const;
const CARE = { coordinator: 'allow' } as const;
const ROUTES: Record<string, { request: RouteRequest; expect: Partial<Record<Actor, Expect>> }> = {
  'GET /tasteget/me': { request: () => ({ path: '/tasteget/me' }), expect: WORKERS },
  // Whoever may read the record (here a contact; a story's is in admin-roles.int.test.ts).
  'GET /tasteget/scope': {
    request: (ids) => ({ path: `/tasteget/scope?model=api::contact.contact&documentId=${ids.contact}` }),
    expect: WORKERS,
  },
  'GET /tasteget/queue': { request: () => ({ path: '/tasteget/queue?queue=krokom' }), expect: WORKERS },
  'GET /tasteget/contacts/:documentId/dialog': {
    request: (ids) => ({ path: `/tasteget/contacts/${ids.contact}/dialog` }),
    expect: WORKERS,
  },
  'POST /tasteget/contacts/:documentId/activities': {
    request: (ids) => ({
      path: `/tasteget/contacts/${ids.contact}/activities`,
      body: { kind: 'call', summary: 'Ringde och pratade om bostad.' },
    }),
    expect: { guide: 'own', regionGuide: 'own', coordinator: 'allow' },
  },
  'POST /tasteget/contacts/:documentId/consent': {
    request: (ids) => ({ path: `/tasteget/contacts/${ids.contact}/consent`, body: { event: 'given' } }),
    expect: { guide: 'own', regionGuide: 'own', coordinator: 'allow' },
  },
  'POST /tasteget/contacts/:documentId/mail': {
    request: (ids) => ({
      path: `/tasteget/contacts/${ids.contact}/mail`,
      body: { subject: 'Välkommen', text: 'Hej! Jag är din flyttvägledare.' },
    }),
    expect: { guide: 'own', regionGuide: 'own', coordinator: 'allow' },
  },
  'POST /tasteget/suppressions/lift': {
    // No address is suppressed: past the role check, the 404 changes nothing.
    request: () => ({
      path: '/tasteget/suppressions/lift',
      body: { email: 'ingen@example.se', reason: 'Test' },
    }),
    expect: CARE,
  },
  'POST /tasteget/inbound/:documentId/link': {
    // No such message: past the role check, the 404 changes nothing.
    request: () => ({ path: '/tasteget/inbound/ingen/link', body: { contactEmail: 'ingen@example.se' } }),
    expect: CARE,
  },
  'GET /tasteget/events/:documentId/attendees': {
    // Sign-ups are register data: the workers read them, editors do not.
    request: () => ({ path: '/tasteget/events/ingen/attendees' }),
    expect: WORKERS,
  },
  'POST /tasteget/activities/:documentId/attachments/:index/link': {
    // No such activity: past the role check, the 404 gives nothing away.
    request: () => ({ path: '/tasteget/activities/ingen/attachments/0/link', body: {} }),
    expect: WORKERS,
  },
  'GET /tasteget/files/:token': {
    // The signed, short-lived token is the permission, whoever holds it: an unsigned one is 404.
    request: () => ({ path: '/tasteget/files/ingen.token' }),
    expect: {
      countyEditor: 'allow',
      municipalEditor: 'allow',
      guide: 'allow',
      regionGuide: 'allow',
      coordinator: 'allow',
    },
  },
  'GET /tasteget/kpis': { request: () => ({ path: '/tasteget/kpis' }), expect: WORKERS },
  'GET /tasteget/reports/quarterly': {
    request: () => ({ path: '/tasteget/reports/quarterly?year=2026&quarter=3' }),
    expect: WORKERS,
  },
  'GET /tasteget/care/purge': { request: () => ({ path: '/tasteget/care/purge' }), expect: CARE },
  'GET /tasteget/statistics': {
    request: () => ({ path: '/tasteget/statistics?from=2026-11-01&to=2026-11-30' }),
    expect: CARE,
  },
  // Without `confirm: true` the purge stops at its 400: past the role check, nothing removed.
  'POST /tasteget/care/purge': { request: () => ({ path: '/tasteget/care/purge', body: {} }), expect: CARE },
  'POST /tasteget/care/person/export': {
    request: () => ({ path: '/tasteget/care/person/export', body: { email: 'ingen@example.se' } }),
    expect: CARE,
  },
  'POST /tasteget/care/person/erase': {
    request: () => ({ path: '/tasteget/care/person/erase', body: { email: 'ingen@example.se' } }),
    expect: CARE,
  },
  'POST /tasteget/magazine-orders/export': {
    request: () => ({ path: '/tasteget/magazine-orders/export', body: {} }),
    expect: CARE,
  },
  'POST /tasteget/magazine-orders/ship': {
    request: () => ({ path: '/tasteget/magazine-orders/ship', body: { documentIds: [] } }),
    expect: CARE,
  },
  'POST /tasteget-newsletter/count': {
    request: () => ({ path: '/tasteget-newsletter/count', body: { audience: 'subscribers' } }),
    expect: WORKERS,
  },
  'POST /tasteget-newsletter/campaigns/:id/preview': {
    request: (ids) => ({ path: `/tasteget-newsletter/campaigns/${ids.campaign}/preview`, body: {} }),
    expect: WORKERS,
  },
  // An empty list of addresses stops at its 400: no mail leaves.
  'POST /tasteget-newsletter/campaigns/:id/test-send': {
    request: (ids) => ({
      path: `/tasteget-newsletter/campaigns/${ids.campaign}/test-send`,
      body: { emails: [] },
    }),
    expect: WORKERS,
  },
  // A guide sends only a campaign limited to their municipality; the region's guide none.
  'POST /tasteget-newsletter/campaigns/:id/send': {
    request: (ids) => ({ path: `/tasteget-newsletter/campaigns/${ids.campaign}/send`, body: {} }),
    expect: { guide: 'own', regionGuide: 'deny', coordinator: 'allow' },
  },
  'POST /tasteget-newsletter/campaigns/:id/resume': {
    request: (ids) => ({ path: `/tasteget-newsletter/campaigns/${ids.campaign}/resume`, body: {} }),
    expect: { guide: 'own', regionGuide: 'deny', coordinator: 'allow' },
  },
  // Who may send a campaign may stop it; no one else.
  'POST /tasteget-newsletter/campaigns/:id/pause': {
    request: (ids) => ({ path: `/tasteget-newsletter/campaigns/${ids.campaign}/pause`, body: {} }),
    expect: { guide: 'own', regionGuide: 'deny', coordinator: 'allow' },
  },
  'POST /tasteget-newsletter/campaigns/:id/cancel': {
    // Campaigns of their own that nobody sends: cancelling one is harmless to the other rows.
    request: (ids) => ({ path: `/tasteget-newsletter/campaigns/${ids.spareCampaign}/cancel`, body: {} }),
    expect: { guide: 'own', regionGuide: 'deny', coordinator: 'allow' },
  },
  'GET /tasteget-newsletter/campaigns/:id/progress': {
    request: (ids) => ({ path: `/tasteget-newsletter/campaigns/${ids.campaign}/progress` }),
    expect: WORKERS,
  },
  'POST /tasteget-newsletter/subscriptions/:id/status': {
    request: (ids) => ({
      path: `/tasteget-newsletter/subscriptions/${ids.subscription}/status`,
      body: { status: 'unsubscribed', reason: 'Bad om det i telefon.' },
    }),
    expect: CARE,
  },
};

/** Strapi's settings: the super admin's alone. */
const SETTINGS_PATHS = [
  '/admin/users',
  '/admin/roles',
  '/admin/webhooks',
  '/admin/api-tokens',
  '/users-permissions/roles',
  '/content-type-builder/schema',
];

let app: TestStrapi;
let smtp: TestSmtp;
const sessions = {} as Record<Actor, AdminSession>;
const spareCampaignOf: Partial<Record<Scope, string>> = {};
const kommunDocument: Partial<Record<Scope, string>> = {};
const contactDocument: Partial<Record<Scope, string>> = {};
const fixtures: Record<string, Partial<Record<Scope, string>>> = {};
const campaignOf: Partial<Record<Scope, string>> = {};
const subscriptionOf: Partial<Record<Scope, string>> = {};

const SCOPES: Scope[] = ['ostersund', 'krokom', 'region'];

const isLocalized = (uid: string) => localizedIn(app.strapi, uid);
/** The relations each type requires, connected to documents made once (sampleRelations). */
const requiredRelations: Record<string, Record<string, unknown>> = {};
/** A single type has one document: no list, no scope, and its own Content Manager routes. */
function isSingle(uid: string) {
  return app.strapi.contentTypes[uid as UID.ContentType].kind === 'singleType';
}
function hasDraftAndPublish(uid: string) {
  return app.strapi.contentTypes[uid as UID.ContentType].options?.draftAndPublish === true;
}

/** Valid data for `uid`, in `scope`: the CM body and the fixtures use the same. */
function scopedData(uid: string, scope: Scope): Record<string, unknown> {
  const data = {
    ...(sampleDocument(app.strapi, uid as UID.ContentType) as Record<string, unknown>),
    ...requiredRelations[uid],
  };
  const kommun = (s: Scope) => ({
    connect: [{ documentId: kommunDocument[s === 'region' ? 'ostersund' : s], locale: 'sv' }],
  });
  switch (SCOPE_OF[uid]) {
    case 'queue':
      data.assignedMunicipality = scope;
      data.municipalities = scope === 'region' ? [] : [scope];
      data.moveStatus = 'new';
      delete data.movedTo;
      delete data.movedAt;
      break;
    case 'contact':
      data.contact = { connect: [{ documentId: contactDocument[scope] }] };
      // What happens with a contact happens after it registered (an activity's time).
      if ('occurredAt' in data) data.occurredAt = new Date().toISOString();
      break;
    case 'network':
      // No municipality: the region's.
      data.municipality = scope === 'region' ? null : scope;
      break;
    case 'municipality':
      data.municipality = scope === 'region' ? 'ostersund' : scope;
      break;
    case 'kommun':
      data.kommun = kommun(scope);
      break;
    case 'kommuner':
      data.kommuner = kommun(scope);
      break;
  }
  return data;
}

async function createFixture(uid: string, scope: Scope): Promise<string> {
  if (isSingle(uid)) {
    const existing = await app.strapi
      .documents(uid as UID.ContentType)
      .findFirst({ ...(isLocalized(uid) ? { locale: 'sv' } : {}) } as never);
    if (existing) return existing.documentId;
  }
  const created = await app.strapi.documents(uid as UID.ContentType).create({
    data: scopedData(uid, scope),
    ...(isLocalized(uid) ? { locale: 'sv' } : {}),
  } as never);
  return created.documentId;
}

const cm = (uid: string) => `/content-manager/collection-types/${uid}`;
const withLocale = (uid: string, path: string) => (isLocalized(uid) ? `${path}?locale=sv` : path);

async function count(uid: string) {
  return app.strapi.db.query(uid as UID.ContentType).count({});
}

beforeAll(async () => {
  smtp = await startSmtp();
  app = await startStrapi({
    SMTP_PORT: String(smtp.port),
    PUBLIC_URL: 'https://cms.tasteget.example',
    NEWSLETTER_FROM: 'Ta Steget <nyhetsbrev@tasteget.example>',
    NEWSLETTER_WORKER: 'false',
  });
  const { strapi } = app;
  for (const [actor, spec] of Object.entries(ACTORS) as [Actor, (typeof ACTORS)[Actor]][]) {
    const email = `${actor.toLowerCase()}@matris.example`;
    if (spec.role === 'super') {
      const superRole = await strapi.service('admin::role').getSuperAdmin();
      await strapi.service('admin::user').create({
        email,
        firstname: 'Super',
        lastname: 'Admin',
        password: ADMIN_PASSWORD,
        isActive: true,
        registrationToken: null,
        roles: [superRole.id],
      });
      const res = await fetch(`${app.url}/admin/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email, password: ADMIN_PASSWORD }),
      });
      const token = ((await res.json()) as { data: { token: string } }).data.token;
      sessions[actor] = {
        id: 0,
        email,
        token,
        fetch: (path, init = {}) =>
          fetch(`${app.url}${path}`, {
            method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
            headers: {
              Authorization: `Bearer ${token}`,
              ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
            },
            ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
          }),
      };
    } else {
      sessions[actor] = await adminSession(strapi, app.url, spec.role, email, actor);
    }
    if (spec.queue) {
      await strapi.db.query(GUIDE_ASSIGNMENT).create({
        data: {
          user: sessions[actor].id,
          queue: spec.queue,
          receivesReminders: false,
          publishedAt: new Date(),
        },
      });
    }
  }
  for (const uid of Object.keys(CLASS_OF))
    requiredRelations[uid] = await sampleRelations(strapi, uid as UID.ContentType);
  for (const scope of ['ostersund', 'krokom'] as Scope[])
    kommunDocument[scope] = await createFixture(KOMMUN, scope);
  for (const scope of SCOPES) contactDocument[scope] = await createFixture(CONTACT, scope);
  for (const uid of Object.keys(CLASS_OF)) {
    fixtures[uid] = {};
    for (const scope of SCOPES) {
      // One page per municipality: the region's checks use Östersund's.
      fixtures[uid][scope] =
        uid === KOMMUN
          ? kommunDocument[scope === 'region' ? 'ostersund' : scope]
          : uid === CONTACT
            ? contactDocument[scope]
            : await createFixture(uid, scope);
    }
  }
  // Campaigns: one limited to each municipality's subscribers, and one for the whole county.
  for (const scope of ['ostersund', 'krokom'] as Scope[]) {
    const segment = { match: 'all', conditions: [{ kind: 'municipality', anyOf: [scope] }] };
    campaignOf[scope] = await createCampaign(strapi, { subject: `Nytt i ${scope}`, segment });
    spareCampaignOf[scope] = await createCampaign(strapi, { subject: `Avbryts i ${scope}`, segment });
  }
  campaignOf.region = await createCampaign(strapi, { subject: 'Nytt i länet' });
  spareCampaignOf.region = await createCampaign(strapi, { subject: 'Avbryts i länet' });
  for (const scope of SCOPES) subscriptionOf[scope] = fixtures[SUBSCRIPTION][scope];
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

type Outcome = { check: string; expected: 'allow' | 'deny'; status: number; detail?: string };

const passes = (expected: 'allow' | 'deny', status: number, route: boolean) =>
  expected === 'deny'
    ? status === 403
    : route
      ? status !== 401 && status !== 403 && status < 500
      : status >= 200 && status < 300;

const resolve = (expect: Expect | undefined, own: boolean): 'allow' | 'deny' =>
  expect === 'allow' ? 'allow' : expect === 'own' && own ? 'allow' : 'deny';

/** Municipalities without a fixture page, for a page moved aside while its municipality is free. */
const SPARE_MUNICIPALITY: Partial<Record<Scope, string>> = { ostersund: 'berg', krokom: 'bracke' };

/**
 * Runs `check` with the scope's municipality free of pages (a municipality has one page, so a
 * create or a fresh page to delete needs its own moved aside); pages the check made are removed
 * after, and the fixture is put back. Other types run as they are.
 */
async function withMunicipalityFree<T>(uid: string, scope: Scope, check: () => Promise<T>): Promise<T> {
  if (uid !== KOMMUN) return check();
  const municipality = scope === 'region' ? 'ostersund' : scope;
  const fixture = kommunDocument[municipality];
  const pages = app.strapi.db.query(KOMMUN);
  await pages.updateMany({
    where: { documentId: fixture },
    data: { municipality: SPARE_MUNICIPALITY[municipality] },
  });
  try {
    return await check();
  } finally {
    const made = (await pages.findMany({ where: { municipality }, select: ['documentId'] })) as {
      documentId: string;
    }[];
    for (const { documentId } of made)
      await app.strapi.documents(KOMMUN).delete({ documentId, locale: '*' } as never);
    await pages.updateMany({ where: { documentId: fixture }, data: { municipality } });
  }
}

async function cmCheck(
  actor: Actor,
  uid: string,
  action: CmAction,
  own: boolean,
  expected: 'allow' | 'deny',
) {
  const session = sessions[actor];
  const scope = own ? ACTORS[actor].own : ACTORS[actor].other;
  if (isSingle(uid)) return singleTypeCheck(actor, uid, action, expected);
  const documentId = fixtures[uid][scope]!;
  const label = `${actor} ${action} ${uid} (${own ? 'own' : 'other'}: ${scope})`;
  let res: Response;
  let stored: () => Promise<string | undefined> = async () => undefined;
  switch (action) {
    case 'list':
      res = await session.fetch(withLocale(uid, cm(uid)));
      break;
    case 'read':
      res = await session.fetch(withLocale(uid, `${cm(uid)}/${documentId}`));
      break;
    case 'create': {
      const before = await count(uid);
      res = await withMunicipalityFree(uid, scope, () =>
        session.fetch(withLocale(uid, cm(uid)), { body: scopedData(uid, scope) }),
      );
      stored = async () => {
        const after = await count(uid);
        if (res.status === 403 && after !== before) return `403 but ${after - before} row(s) stored`;
        return undefined;
      };
      break;
    }
    case 'update':
      res = await session.fetch(withLocale(uid, `${cm(uid)}/${documentId}`), { method: 'PUT', body: {} });
      break;
    case 'delete': {
      res = await withMunicipalityFree(uid, scope, async () => {
        const fresh = await createFixture(uid, scope);
        return session.fetch(withLocale(uid, `${cm(uid)}/${fresh}`), { method: 'DELETE' });
      });
      break;
    }
    case 'publish':
      res = await session.fetch(withLocale(uid, `${cm(uid)}/${documentId}/actions/publish`), { body: {} });
      break;
  }
  const problem = await stored();
  const outcome: Outcome = { check: label, expected, status: res.status };
  if (problem) outcome.detail = problem;
  else if (!passes(expected, res.status, false)) outcome.detail = (await res.text()).slice(0, 300);
  return outcome;
}

/** A single type through `/content-manager/single-types/:uid`: read, save (create or update), delete, publish. */
async function singleTypeCheck(actor: Actor, uid: string, action: CmAction, expected: 'allow' | 'deny') {
  const session = sessions[actor];
  const path = withLocale(uid, `/content-manager/single-types/${uid}`);
  const label = `${actor} ${action} ${uid} (single type)`;
  const before = await count(uid);
  let res: Response;
  switch (action) {
    case 'list':
    case 'read':
      res = await session.fetch(path);
      break;
    case 'create':
    case 'update':
      res = await session.fetch(path, { method: 'PUT', body: scopedData(uid, 'region') });
      break;
    case 'delete':
      res = await session.fetch(path, { method: 'DELETE' });
      // The next check needs the document again.
      if (res.ok) fixtures[uid].region = await createFixture(uid, 'region');
      break;
    case 'publish':
      res = await session.fetch(withLocale(uid, `/content-manager/single-types/${uid}/actions/publish`), {
        body: scopedData(uid, 'region'),
      });
      break;
  }
  const outcome: Outcome = { check: label, expected, status: res.status };
  if (res.status === 403 && (await count(uid)) !== before) outcome.detail = '403 but rows changed';
  else if (!passes(expected, res.status, false)) outcome.detail = (await res.text()).slice(0, 300);
  return outcome;
}

describe('permission matrix', () => {
  it('has a row for every content type', () => {
    const apiTypes = Object.keys(app.strapi.contentTypes).filter((uid) => uid.startsWith('api::'));
    expect(apiTypes.filter((uid) => !(uid in CLASS_OF))).toEqual([]);
  });

  it('has a row for every admin route of the project', () => {
    const routes = app.strapi.server
      .listRoutes()
      .filter((layer: { path: string }) => /^\/tasteget(-newsletter)?\//.test(layer.path))
      .flatMap((layer: { path: string; methods: string[] }) =>
        layer.methods.filter((m) => m !== 'HEAD').map((m) => `${m} ${layer.path}`),
      );
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((route: string) => !(route in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it('allows in the Content Manager exactly what the table says, for own and other records', async () => {
    const failures: Outcome[] = [];
    let checks = 0;
    for (const actor of Object.keys(ACTORS) as Actor[]) {
      for (const [uid, typeClass] of Object.entries(CLASS_OF)) {
        const rows = CLASSES[typeClass] as Partial<Record<Actor, Row>>;
        const row: Row = rows[actor] ?? (actor === 'superAdmin' ? ALL : {});
        for (const action of CM_ACTIONS) {
          if (action === 'publish' && !hasDraftAndPublish(uid)) continue;
          for (const own of [true, false]) {
            const outcome = await cmCheck(actor, uid, action, own, resolve(row[action], own));
            checks += 1;
            if (outcome.detail !== undefined || !passes(outcome.expected, outcome.status, false))
              failures.push(outcome);
          }
        }
      }
    }
    expect(checks).toBeGreaterThan(800);
    expect(failures).toEqual([]);
  }, 600_000);

  it("duplicates no register record, for any role, by either of the Content Manager's routes", async () => {
    // Walked from what Strapi has: every type without draft & publish is the register's.
    const register = Object.entries(app.strapi.contentTypes)
      .filter(([uid, ct]) => uid.startsWith('api::') && ct.options?.draftAndPublish !== true)
      .map(([uid]) => uid)
      .filter((uid) => uid !== CAMPAIGN && !isSingle(uid));
    expect(register).toContain(CONTACT);
    const failures: Outcome[] = [];
    for (const actor of Object.keys(ACTORS) as Actor[]) {
      for (const uid of register) {
        for (const route of ['clone', 'auto-clone']) {
          const source = fixtures[uid][ACTORS[actor].own]!;
          const before = await count(uid);
          const res = await sessions[actor].fetch(`${cm(uid)}/${route}/${source}`, { body: {} });
          const after = await count(uid);
          // Strapi's auto-clone stops with its own 400 first where it sees unique or linked fields.
          const refused = res.status === 403 || (route === 'auto-clone' && res.status === 400);
          if (!refused || after !== before) {
            failures.push({
              check: `${actor} ${route} ${uid}`,
              expected: 'deny',
              status: res.status,
              detail: `${after - before} row(s) stored; ${(await res.text()).slice(0, 200)}`,
            });
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // A campaign is copied as the next one's start, by those who may create one.
    const copied = await sessions.coordinator.fetch(`${cm(CAMPAIGN)}/clone/${campaignOf.region}`, {
      body: {},
    });
    expect(copied.status, await copied.clone().text()).toBe(200);
  }, 300_000);

  it("keeps a guide's and a municipal editor's saves inside their own queue or municipality", async () => {
    // A guide of Östersund cannot move an Östersund contact to Krokom's queue…
    const own = fixtures[CONTACT].ostersund!;
    const moved = await sessions.guide.fetch(`${cm(CONTACT)}/${own}`, {
      method: 'PUT',
      body: { assignedMunicipality: 'krokom' },
    });
    expect(moved.status).toBe(403);
    const contact = await app.strapi.db.query(CONTACT).findOne({ where: { documentId: own } });
    expect(contact.assignedMunicipality).toBe('ostersund');
    // …nor hang an Östersund activity on a Krokom contact.
    const activity = fixtures[ACTIVITY].ostersund!;
    const rehung = await sessions.guide.fetch(`${cm(ACTIVITY)}/${activity}`, {
      method: 'PUT',
      body: { contact: { connect: [{ documentId: contactDocument.krokom }] } },
    });
    expect(rehung.status).toBe(403);
    const row = await app.strapi.db
      .query(ACTIVITY)
      .findOne({ where: { documentId: activity }, populate: { contact: true } });
    expect(row.contact.documentId).toBe(contactDocument.ostersund);
    // The municipal editor cannot retag an Östersund story as Krokom's.
    const story = fixtures[STORY].ostersund!;
    const retagged = await sessions.municipalEditor.fetch(`${cm(STORY)}/${story}?locale=sv`, {
      method: 'PUT',
      body: { kommun: { connect: [{ documentId: kommunDocument.krokom, locale: 'sv' }] } },
    });
    expect(retagged.status).toBe(403);
    const storyRow = await app.strapi.db
      .query(STORY)
      .findOne({ where: { documentId: story }, populate: { kommun: true } });
    expect(storyRow.kommun.documentId).toBe(kommunDocument.ostersund);
  });

  it('lets a municipal editor edit shared content but not take it from the other municipalities', async () => {
    const tags = (...scopes: Scope[]) => ({
      connect: scopes.map((s) => ({ documentId: kommunDocument[s], locale: 'sv' })),
    });
    const shared = await app.strapi.documents(ARTICLE).create({
      data: { ...scopedData(ARTICLE, 'ostersund'), kommuner: tags('ostersund', 'krokom') },
      locale: 'sv',
      status: 'published',
    } as never);
    const path = `${cm(ARTICLE)}/${shared.documentId}?locale=sv`;
    const taggedWith = async () =>
      (
        (await app.strapi.db.query(ARTICLE).findMany({
          where: { documentId: shared.documentId },
          populate: { kommuner: { select: ['municipality'] } },
        })) as { kommuner: { municipality: string }[] }[]
      )
        .flatMap((row) => row.kommuner.map((k) => k.municipality))
        .filter((m, i, all) => all.indexOf(m) === i)
        .sort();
    const editor = sessions.municipalEditor;
    const title = await editor.fetch(path, { method: 'PUT', body: { title: 'Vården i länet, uppdaterad' } });
    expect(title.status, await title.clone().text()).toBe(200);

    const untag = await editor.fetch(path, {
      method: 'PUT',
      body: { kommuner: { disconnect: [{ documentId: kommunDocument.krokom, locale: 'sv' }] } },
    });
    expect(untag.status).toBe(403);
    const { error } = (await untag.json()) as { error: { details: { messages: { sv: string } } } };
    expect(error.details.messages.sv).toMatch(/^Det här är märkt även med andra kommuner/);
    for (const refused of [
      await editor.fetch(`${cm(ARTICLE)}/${shared.documentId}/actions/unpublish?locale=sv`, { body: {} }),
      await editor.fetch(path, { method: 'DELETE' }),
    ]) {
      expect(refused.status).toBe(403);
    }
    expect(await taggedWith()).toEqual(['krokom', 'ostersund']);
    expect(
      await app.strapi
        .documents(ARTICLE)
        .findOne({ documentId: shared.documentId, locale: 'sv', status: 'published' } as never),
    ).not.toBeNull();

    // Nor put its own article on another municipality's pages.
    const own = fixtures[ARTICLE].ostersund!;
    const pushed = await editor.fetch(`${cm(ARTICLE)}/${own}?locale=sv`, {
      method: 'PUT',
      body: { kommuner: tags('krokom') },
    });
    expect(pushed.status).toBe(403);

    // The county editor may.
    const removed = await sessions.countyEditor.fetch(path, { method: 'DELETE' });
    expect(removed.status, await removed.clone().text()).toBe(200);
  });

  it("says why a record is refused: another municipality's or queue's, or not the role's at all", async () => {
    const reasonOf = async (res: Response) => {
      expect(res.status).toBe(403);
      return ((await res.json()) as { error: { details: { messages: { sv: string; en: string } } } }).error
        .details.messages;
    };
    const krokomStory = fixtures[STORY].krokom!;
    const otherMunicipality = /^Det här hör till en annan kommun än din\./;
    for (const res of [
      await sessions.municipalEditor.fetch(`${cm(STORY)}/${krokomStory}?locale=sv`, {
        method: 'PUT',
        body: { title: 'Inte min' },
      }),
      await sessions.municipalEditor.fetch(`${cm(STORY)}/${krokomStory}/actions/publish?locale=sv`, {
        method: 'POST',
        body: {},
      }),
      await sessions.municipalEditor.fetch(`${cm(STORY)}/${krokomStory}?locale=sv`, { method: 'DELETE' }),
    ]) {
      const { sv, en } = await reasonOf(res);
      expect(sv).toMatch(otherMunicipality);
      expect(en).toMatch(/^This belongs to another municipality than yours\./);
    }
    const otherQueue = await sessions.guide.fetch(`${cm(CONTACT)}/${contactDocument.krokom}`, {
      method: 'PUT',
      body: { firstName: 'Inte min' },
    });
    expect((await reasonOf(otherQueue)).sv).toMatch(/^Det här hör till en annan kö än din\./);
    // A guide may not edit stories at all: that is the role's, not the record's.
    const notTheRole = await sessions.guide.fetch(`${cm(STORY)}/${fixtures[STORY].ostersund!}?locale=sv`, {
      method: 'PUT',
      body: { title: 'Inte min' },
    });
    expect((await reasonOf(notTheRole)).sv).toMatch(/^Din roll får inte göra det här\./);
  });

  it('keeps one page per municipality, in both its languages', async () => {
    const refusedFor = async (res: Response) => {
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as {
        error: { details: { messages: { sv: string; en: string }; errors: { path: string[] }[] } };
      };
      expect(error.details.messages.sv).toMatch(/^Krokom har redan en kommunsida/);
      expect(error.details.messages.en).toMatch(/^Krokom already has a municipality page/);
      return error.details.errors.map((e) => e.path.join('.'));
    };
    const pages = () => app.strapi.db.query(KOMMUN).count({ where: { municipality: 'krokom' } });
    const before = await pages();
    const second = await sessions.countyEditor.fetch(`${cm(KOMMUN)}?locale=sv`, {
      body: { ...scopedData(KOMMUN, 'krokom'), name: 'Krokom 2', slug: 'krokom-2' },
    });
    expect(await refusedFor(second)).toEqual(['municipality']);
    const retagged = await sessions.countyEditor.fetch(
      `${cm(KOMMUN)}/${kommunDocument.ostersund}?locale=sv`,
      {
        method: 'PUT',
        body: { municipality: 'krokom' },
      },
    );
    expect(await refusedFor(retagged)).toEqual(['municipality']);
    expect(await pages()).toBe(before);
    // The same page in English is the same document: it is saved.
    const english = await sessions.countyEditor.fetch(`${cm(KOMMUN)}/${kommunDocument.krokom}?locale=en`, {
      method: 'PUT',
      body: { ...scopedData(KOMMUN, 'krokom'), name: 'Krokom' },
    });
    expect(english.status, await english.clone().text()).toBe(200);
  });

  it('lets through the admin routes exactly what the table says', async () => {
    const failures: Outcome[] = [];
    for (const actor of Object.keys(ACTORS) as Actor[]) {
      for (const [route, spec] of Object.entries(ROUTES)) {
        const [method] = route.split(' ');
        for (const own of [true, false]) {
          const scope = own ? ACTORS[actor].own : ACTORS[actor].other;
          const { path, body } = spec.request({
            contact: contactDocument[scope]!,
            campaign: campaignOf[scope]!,
            spareCampaign: spareCampaignOf[scope]!,
            subscription: subscriptionOf[scope]!,
          });
          const expected = actor === 'superAdmin' ? 'allow' : resolve(spec.expect[actor], own);
          const res = await sessions[actor].fetch(path, { method, body });
          if (!passes(expected, res.status, true)) {
            failures.push({
              check: `${actor} ${route} (${own ? 'own' : 'other'}: ${scope})`,
              expected,
              status: res.status,
              detail: (await res.text()).slice(0, 300),
            });
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it("keeps Strapi's settings the super admin's", async () => {
    const failures: Outcome[] = [];
    for (const actor of Object.keys(ACTORS) as Actor[]) {
      for (const path of SETTINGS_PATHS) {
        const expected = actor === 'superAdmin' ? 'allow' : 'deny';
        const res = await sessions[actor].fetch(path);
        if (!passes(expected, res.status, false))
          failures.push({ check: `${actor} GET ${path}`, expected, status: res.status });
      }
    }
    expect(failures).toEqual([]);
  });
});
