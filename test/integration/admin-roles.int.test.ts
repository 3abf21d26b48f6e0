import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ROLES, type AdminRoleKey } from '../../cms/src/platform/admin-roles';
import { ADMIN_PASSWORD, adminSession } from '../support/admin';
import { sampleDocument } from '../support/sample-data';
import { startStrapi, type TestStrapi } from '../support/strapi';

/** The programme's admin roles, exercised over the real admin API as users of each role. */
let app: TestStrapi;
const tokens: Partial<Record<AdminRoleKey, string>> = {};

beforeAll(async () => {
  app = await startStrapi();
  for (const key of Object.keys(ADMIN_ROLES) as AdminRoleKey[]) {
    const session = await adminSession(app.strapi, app.url, key, `${key}@roles.example`);
    tokens[key] = session.token;
    // The guide works the region's queue: Kim, below, chose no municipality.
    if (key === 'guide') await assign(session.id, 'region');
  }
  await app.strapi.documents('api::contact.contact').create({
    data: { firstName: 'Kim', email: 'kim@example.se', preferredChannel: 'email' },
  } as never);
});
afterAll(async () => {
  await app?.stop();
});

async function assign(userId: number, queue: string) {
  await app.strapi.db
    .query('api::guide-assignment.guide-assignment')
    .create({ data: { user: userId, queue, receivesReminders: false, publishedAt: new Date() } });
}

async function adminGet(role: AdminRoleKey, path: string) {
  return fetch(`${app.url}${path}`, { headers: { Authorization: `Bearer ${tokens[role]}` } });
}
const contacts = '/content-manager/collection-types/api::contact.contact';

async function superAdminToken(): Promise<string> {
  const role = await app.strapi.service('admin::role').findOne({ code: 'strapi-super-admin' });
  await app.strapi.service('admin::user').create({
    email: 'super@roles.example',
    firstname: 'Super',
    lastname: 'Admin',
    password: ADMIN_PASSWORD,
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  const res = await fetch(`${app.url}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'super@roles.example', password: ADMIN_PASSWORD }),
  });
  return ((await res.json()) as { data: { token: string } }).data.token;
}
const stories = '/content-manager/collection-types/api::story.story';

describe('admin roles', () => {
  it('creates Länsredaktör, a Kommunredaktör per municipality, Flyttvägledare and Samordnare', async () => {
    const names = (await app.strapi.service('admin::role').find({})).map((r: { name: string }) => r.name);
    expect(names).toEqual(
      expect.arrayContaining(['Länsredaktör', 'Flyttvägledare', 'Samordnare', 'Kommunredaktör Östersund']),
    );
    expect(names.filter((n: string) => n.startsWith('Kommunredaktör '))).toHaveLength(8);
  });

  it('Redaktör edits content and cannot read the contact register', async () => {
    expect((await adminGet('editor', stories)).status).toBe(200);
    expect((await adminGet('editor', contacts)).status).toBe(403);
  });

  it('Flyttvägledare reads the contact register and content', async () => {
    const res = await adminGet('guide', contacts);
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain('kim@example.se');
    expect((await adminGet('guide', stories)).status).toBe(200);
  });

  it('Flyttvägledare cannot change settings, roles or users', async () => {
    expect((await adminGet('guide', '/admin/roles')).status).toBe(403);
    expect((await adminGet('guide', '/admin/users')).status).toBe(403);
    expect((await adminGet('guide', '/admin/webhooks')).status).toBe(403);
  });

  it('Samordnare reaches content and register but not the settings', async () => {
    expect((await adminGet('coordinator', contacts)).status).toBe(200);
    expect((await adminGet('coordinator', stories)).status).toBe(200);
    expect((await adminGet('coordinator', '/admin/roles')).status).toBe(403);
    expect((await adminGet('coordinator', '/admin/webhooks')).status).toBe(403);
  });

  it("logs a guide's change on the contact card, with who made it, and nothing for a save without changes", async () => {
    const contact = await app.strapi.db
      .query('api::contact.contact')
      .findOne({ where: { email: 'kim@example.se' } });
    const save = (body: object) =>
      fetch(`${app.url}${contacts}/${contact.documentId}`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${tokens.guide}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    for (let i = 0; i < 2; i++) {
      const res = await save({ moveStatus: 'not-moving', firstName: 'Kim' });
      expect(res.status, await res.text()).toBe(200);
    }

    const activities = await app.strapi.db.query('api::contact-activity.contact-activity').findMany({
      where: { contact: { id: contact.id }, summary: { $startsWith: 'Ändrat' } },
      populate: ['performedBy'],
    });
    expect(activities).toHaveLength(1);
    expect(activities[0]).toMatchObject({
      kind: 'system',
      summary: 'Ändrat: status Ny → Flyttar inte',
      summaryEn: 'Changed: status New → Not moving',
    });
    expect(activities[0].performedBy.email).toBe('guide@roles.example');
    const after = await app.strapi.db.query('api::contact.contact').findOne({ where: { id: contact.id } });
    expect(after.lastActivityAt).toBeTruthy();
  });

  it("keeps system records the system's: the outbox, deliveries and the register log", async () => {
    const outboxPath = '/content-manager/collection-types/api::outbox-message.outbox-message';
    const now = new Date();
    const message = await app.strapi.db.query('api::outbox-message.outbox-message').create({
      data: {
        kind: 'subscription-confirmation',
        to: 'kim@example.se',
        subject: 'Bekräfta din prenumeration',
        html: '<p>https://tasteget.example/api/newsletter/confirm?token=hemlig-token-123</p>',
        text: 'https://tasteget.example/api/newsletter/confirm?token=hemlig-token-123',
        sendStatus: 'sent',
        attempts: 1,
        nextAttemptAt: now,
        publishedAt: now,
      },
    });
    const send = (role: AdminRoleKey, method: string, path: string, body: object) =>
      fetch(`${app.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${tokens[role]}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });

    // Guides never see the outbox; the coordinator reads it, without the bodies (they carry tokens).
    expect((await adminGet('guide', outboxPath)).status).toBe(403);
    const list = await adminGet('coordinator', outboxPath);
    expect(list.status).toBe(200);
    const listed = JSON.stringify(await list.json());
    expect(listed).toContain('Bekräfta din prenumeration');
    expect(listed).not.toContain('hemlig-token-123');

    // Nobody below Super Admin writes a system record.
    const forged = { kind: 'x', to: 'anyone@example.se', subject: 'Hej', html: '<p>x</p>', text: 'x' };
    for (const role of ['guide', 'coordinator'] as const) {
      expect((await send(role, 'POST', outboxPath, forged)).status, role).toBe(403);
      expect(
        (await send(role, 'PUT', `${outboxPath}/${message.documentId}`, { to: 'anyone@example.se' })).status,
        role,
      ).toBe(403);
      for (const uid of [
        'api::newsletter-delivery.newsletter-delivery',
        'api::register-audit.register-audit',
      ]) {
        expect(
          (await send(role, 'POST', `/content-manager/collection-types/${uid}`, {})).status,
          `${role} ${uid}`,
        ).toBe(403);
      }
    }
    expect(await app.strapi.db.query('api::outbox-message.outbox-message').count()).toBe(1);
  });

  it('shows no subscription token to any role', async () => {
    await app.strapi.db.query('api::newsletter-subscription.newsletter-subscription').create({
      data: {
        email: 'token@example.se',
        subscriptionStatus: 'pending',
        language: 'sv',
        confirmToken: 'tok-confirm-4711',
        unsubscribeToken: 'tok-unsubscribe-4711',
        publishedAt: new Date(),
      },
    });
    const path = '/content-manager/collection-types/api::newsletter-subscription.newsletter-subscription';
    for (const role of ['guide', 'coordinator'] as const) {
      const list = await adminGet(role, path);
      expect(list.status, role).toBe(200);
      const body = (await list.json()) as { results: { documentId: string; email: string }[] };
      const entry = body.results.find((r) => r.email === 'token@example.se')!;
      expect(JSON.stringify(body), role).not.toContain('tok-');
      const one = await adminGet(role, `${path}/${entry.documentId}`);
      expect(one.status, role).toBe(200);
      expect(await one.text(), role).not.toContain('tok-');
    }
  });

  it('finds no subscription by its token: not by search, nor by a filter or sort through a relation', async () => {
    const kim = await app.strapi.db
      .query('api::contact.contact')
      .findOne({ where: { email: 'kim@example.se' } });
    await app.strapi.db.query('api::newsletter-subscription.newsletter-subscription').create({
      data: {
        email: 'kim@example.se',
        subscriptionStatus: 'confirmed',
        language: 'sv',
        unsubscribeToken: 'secret-unsub-0815',
        contact: kim.id,
        publishedAt: new Date(),
      },
    });
    const subscriptions =
      '/content-manager/collection-types/api::newsletter-subscription.newsletter-subscription';
    const total = async (res: Response) =>
      ((await res.json()) as { pagination: { total: number } }).pagination.total;
    for (const role of ['guide', 'coordinator'] as const) {
      // The search still finds by address, never by token.
      expect(await total(await adminGet(role, `${subscriptions}?_q=kim@example`)), role).toBe(1);
      expect(await total(await adminGet(role, `${subscriptions}?_q=unsub-0815`)), role).toBe(0);
      for (const query of [
        'filters[newsletterSubscriptions][unsubscribeToken][$startsWith]=secret',
        'filters[$or][0][newsletterSubscriptions][confirmToken][$null]=false',
        'sort=newsletterSubscriptions.unsubscribeToken:asc',
        'sort[newsletterSubscriptions][unsubscribeToken]=asc',
      ]) {
        const res = await adminGet(role, `${contacts}?${query}`);
        expect(res.status, `${role} ${query}`).toBe(400);
        expect(await res.text()).toContain('Det fältet går inte att söka, filtrera eller sortera på.');
      }
      // A filter through the same relation on a field staff see is taken.
      const byAddress = await adminGet(
        role,
        `${contacts}?filters[newsletterSubscriptions][email][$eq]=kim@example.se`,
      );
      expect(byAddress.status, role).toBe(200);
      expect(await total(byAddress), role).toBe(1);
    }
  });

  it('gives every staff user Swedish unless they chose otherwise', async () => {
    const users = (await app.strapi.db.query('admin::user').findMany({})) as { preferedLanguage: string }[];
    expect(users.map((u) => u.preferedLanguage)).toEqual(users.map(() => 'sv'));
    // Invited through the real admin API by a Super Admin: Swedish too.
    const superAdmin = await superAdminToken();
    const guideRole = await app.strapi.service('admin::role').findOne({ code: ADMIN_ROLES.guide.code });
    const invited = await fetch(`${app.url}/admin/users`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${superAdmin}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        email: 'ny.vagledare@roles.example',
        firstname: 'Ny',
        lastname: 'Vägledare',
        roles: [guideRole.id],
      }),
    });
    expect(invited.status, await invited.clone().text()).toBe(201);
    const created = await app.strapi.db
      .query('admin::user')
      .findOne({ where: { email: 'ny.vagledare@roles.example' } });
    expect(created.preferedLanguage).toBe('sv');
  });

  it('lets a guide answer and update only the contacts of their own queue; all read every queue', async () => {
    const are = await adminSession(app.strapi, app.url, 'guide', 'are@roles.example', 'Åsa');
    const krokom = await adminSession(app.strapi, app.url, 'guide', 'krokom@roles.example', 'Kalle');
    await assign(are.id, 'are');
    await assign(krokom.id, 'krokom');
    // Åre is responsible (chosen first); Krokom sees the household in its queue too.
    const ada = (await app.strapi.documents('api::contact.contact').create({
      data: {
        firstName: 'Ada',
        email: 'ada@example.se',
        preferredChannel: 'email',
        municipalities: ['are', 'krokom'],
      },
    } as never)) as unknown as { documentId: string; assignedMunicipality: string };
    expect(ada.assignedMunicipality).toBe('are');
    const as = (token: string) => ({
      get: () =>
        fetch(`${app.url}${contacts}/${ada.documentId}`, { headers: { Authorization: `Bearer ${token}` } }),
      put: (body: object) =>
        fetch(`${app.url}${contacts}/${ada.documentId}`, {
          method: 'PUT',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        }),
      log: () =>
        fetch(`${app.url}/tasteget/contacts/${ada.documentId}/activities`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ kind: 'call', summary: 'Ringde Ada.' }),
        }),
    });
    const occupation = async () =>
      (await app.strapi.db.query('api::contact.contact').findOne({ where: { documentId: ada.documentId } }))
        .occupation;

    // The other municipality and the region's guide read, but neither updates nor answers.
    for (const token of [krokom.token, tokens.guide!]) {
      expect((await as(token).get()).status).toBe(200);
      expect((await as(token).put({ occupation: 'Snickare' })).status).toBe(403);
      const answer = await as(token).log();
      expect(answer.status).toBe(403);
      expect(((await answer.json()) as { error: { message: string } }).error.message).toMatch(
        /^Kontakten är en annan kös ansvar/,
      );
    }
    expect(await occupation()).toBeNull();

    // The responsible municipality's guide and the coordinator do.
    expect((await as(are.token).put({ occupation: 'Sjuksköterska' })).status).toBe(200);
    expect(await occupation()).toBe('Sjuksköterska');
    expect((await as(are.token).log()).status).toBe(201);
    expect((await as(tokens.coordinator!).put({ occupation: 'Barnmorska' })).status).toBe(200);
    expect(await occupation()).toBe('Barnmorska');
  });
});

describe('the Media Library', () => {
  // A 1×1 PNG.
  const PNG = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
  const upload = async (token: string, name: string) => {
    const form = new FormData();
    form.append('files', new Blob([PNG], { type: 'image/png' }), name);
    const res = await fetch(`${app.url}/upload`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: form,
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { id: number }[])[0].id;
  };
  const changeAlt = (token: string, id: number, alternativeText: string) => {
    const form = new FormData();
    form.append('fileInfo', JSON.stringify({ alternativeText }));
    return fetch(`${app.url}/upload?id=${id}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: form,
    });
  };
  const remove = (token: string, id: number) =>
    fetch(`${app.url}/upload/files/${id}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${token}` },
    });
  const alt = async (id: number) =>
    (
      (await app.strapi.db.query('plugin::upload.file').findOne({ where: { id } })) as {
        alternativeText: string;
      } | null
    )?.alternativeText;

  it("keeps a municipality's page on the portal unless the county editor takes it off", async () => {
    const ostersund = await adminSession(
      app.strapi,
      app.url,
      'editor-ostersund',
      'sida.ostersund@roles.example',
    );
    const page = (await app.strapi.documents('api::kommun.kommun').create({
      data: {
        ...sampleDocument(app.strapi, 'api::kommun.kommun'),
        municipality: 'ostersund',
        slug: 'ostersund',
      },
      locale: 'sv',
      status: 'published',
    } as never)) as unknown as { documentId: string };
    const unpublish = (token: string) =>
      fetch(
        `${app.url}/content-manager/collection-types/api::kommun.kommun/${page.documentId}/actions/unpublish?locale=sv`,
        {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: '{}',
        },
      );
    const refused = await unpublish(ostersund.token);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /^Kommunsidan kan bara tas bort från portalen av länsredaktören/,
    );
    const published = () =>
      app.strapi.documents('api::kommun.kommun').findOne({
        documentId: page.documentId,
        locale: 'sv',
        status: 'published',
      } as never);
    expect(await published()).not.toBeNull();
    expect((await unpublish(tokens.editor!)).status).toBe(200);
    expect(await published()).toBeNull();
  });

  it("tells a municipal editor before any work that another municipality's story is theirs to read only", async () => {
    const ostersund = await adminSession(
      app.strapi,
      app.url,
      'editor-ostersund',
      'las.ostersund@roles.example',
    );
    const story = async (municipality: string) => {
      const kommun = await app.strapi.db.query('api::kommun.kommun').findOne({ where: { municipality } });
      const kommunId =
        kommun?.documentId ??
        (
          (await app.strapi.documents('api::kommun.kommun').create({
            data: { ...sampleDocument(app.strapi, 'api::kommun.kommun'), municipality, slug: municipality },
            locale: 'sv',
          } as never)) as unknown as { documentId: string }
        ).documentId;
      return (
        (await app.strapi.documents('api::story.story').create({
          data: { ...sampleDocument(app.strapi, 'api::story.story'), kommun: kommunId },
          locale: 'sv',
        } as never)) as unknown as { documentId: string }
      ).documentId;
    };
    const scope = async (token: string, documentId: string, model = 'api::story.story') => {
      const res = await fetch(
        `${app.url}/tasteget/scope?model=${encodeURIComponent(model)}&documentId=${documentId}`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      return { status: res.status, body: (await res.json()) as { data?: unknown } };
    };
    const krokom = await story('krokom');
    const own = await story('ostersund');

    const other = await scope(ostersund.token, krokom);
    expect(other).toMatchObject({
      status: 200,
      body: {
        data: {
          mayUpdate: false,
          reason: { sv: expect.stringMatching(/^Det här hör till en annan kommun än din\. Du kan läsa det/) },
        },
      },
    });
    expect((await scope(ostersund.token, own)).body).toEqual({ data: { mayUpdate: true, reason: null } });
    expect((await scope(tokens.editor!, krokom)).body).toEqual({ data: { mayUpdate: true, reason: null } });
    // What the note says is what the save meets.
    const save = await fetch(
      `${app.url}/content-manager/collection-types/api::story.story/${krokom}?locale=sv`,
      {
        method: 'PUT',
        headers: { Authorization: `Bearer ${ostersund.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: 'Ändrad av Östersund' }),
      },
    );
    expect(save.status).toBe(403);
    // A type the editor may not read at all, an unknown one, and a record that is not there.
    expect((await scope(ostersund.token, 'x', 'api::contact.contact')).status).toBe(403);
    expect((await scope(ostersund.token, krokom, 'api::nothing.nothing')).status).toBe(400);
    expect((await scope(ostersund.token, 'ingen')).status).toBe(404);
  });

  it('lets a municipal editor change and delete only their own uploads; the county editor any file', async () => {
    const ostersund = await adminSession(
      app.strapi,
      app.url,
      'editor-ostersund',
      'media.ostersund@roles.example',
    );
    const county = await upload(tokens.editor!, 'lansbild.png');
    const own = await upload(ostersund.token, 'ostersundsbild.png');

    // The county's file, used by any content: neither changed nor deleted by a municipality, and
    // the refusal says so in words.
    const notYours =
      /^Du kan bara ändra, byta ut, ta bort eller flytta filer som du själv har laddat upp.* Filen är någon annans: be länsredaktören om den\. \/ You can only change/;
    const refused = await changeAlt(ostersund.token, county, 'Ändrad av Östersund');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(notYours);
    const removal = await remove(ostersund.token, county);
    expect(removal.status).toBe(403);
    expect(((await removal.json()) as { error: { message: string } }).error.message).toMatch(notYours);
    for (const [method, path] of [
      ['PUT', `/upload/files/${county}`],
      ['POST', `/upload/files/${county}/replace`],
    ]) {
      const res = await fetch(`${app.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${ostersund.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ fileInfo: { alternativeText: 'Ändrad av Östersund' } }),
      });
      expect(res.status, path).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message, path).toMatch(notYours);
    }
    expect(await alt(county)).not.toBe('Ändrad av Östersund');
    expect(await app.strapi.db.query('plugin::upload.file').count({ where: { id: county } })).toBe(1);

    // Nor in bulk, alone or beside its own, nor inside a folder: nothing of it is done.
    const bulk = (token: string, action: 'bulk-delete' | 'bulk-move', body: Record<string, unknown>) =>
      fetch(`${app.url}/upload/actions/${action}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const spare = await upload(ostersund.token, 'extra.png');
    const bulkRefusal = await bulk(ostersund.token, 'bulk-delete', {
      fileIds: [spare, county],
      folderIds: [],
    });
    expect(bulkRefusal.status).toBe(403);
    expect(((await bulkRefusal.json()) as { error: { message: string } }).error.message).toMatch(notYours);
    const bulkUpdate = await fetch(`${app.url}/upload/actions/bulk-update`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ostersund.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ updates: [{ id: county, fileInfo: { alternativeText: 'Ändrad i klump' } }] }),
    });
    expect(bulkUpdate.status).toBe(403);
    expect(
      (
        await bulk(ostersund.token, 'bulk-move', {
          fileIds: [county],
          folderIds: [],
          destinationFolderId: null,
        })
      ).status,
    ).toBe(403);
    const folder = (await app.strapi
      .plugin('upload')
      .service('folder')
      .create({ name: 'Länets bilder', parent: null })) as {
      id: number;
      path: string;
    };
    await app.strapi.db
      .query('plugin::upload.file')
      .update({ where: { id: county }, data: { folder: folder.id, folderPath: folder.path } });
    expect((await bulk(ostersund.token, 'bulk-delete', { fileIds: [], folderIds: [folder.id] })).status).toBe(
      403,
    );
    // Nor renamed or moved, which moves what is in it.
    const elsewhere = (await app.strapi
      .plugin('upload')
      .service('folder')
      .create({ name: 'Östersunds bilder', parent: null })) as { id: number };
    const renamed = await fetch(`${app.url}/upload/folders/${folder.id}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${ostersund.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Mina bilder nu', parent: elsewhere.id }),
    });
    expect(renamed.status).toBe(403);
    expect(
      await app.strapi.db.query('plugin::upload.folder').findOne({ where: { id: folder.id } }),
    ).toMatchObject({ name: 'Länets bilder', path: folder.path });
    expect(
      await app.strapi.db.query('plugin::upload.file').count({ where: { id: { $in: [county, spare] } } }),
    ).toBe(2);
    // Its own files in bulk: yes.
    expect((await bulk(ostersund.token, 'bulk-delete', { fileIds: [spare], folderIds: [] })).status).toBe(
      200,
    );
    expect(await app.strapi.db.query('plugin::upload.file').count({ where: { id: spare } })).toBe(0);

    // Its own file: both.
    expect((await changeAlt(ostersund.token, own, 'Storsjön i vinterljus')).status).toBe(200);
    expect(await alt(own)).toBe('Storsjön i vinterljus');
    expect((await remove(ostersund.token, own)).status).toBe(200);

    // Strapi's own refusals of the Content Manager say it in words too.
    const register = await adminGet('editor', contacts);
    expect(register.status).toBe(403);
    expect(((await register.json()) as { error: { message: string } }).error.message).toMatch(
      /^Din roll får inte göra det här\./,
    );

    // The county editor looks after the whole library.
    expect((await changeAlt(tokens.editor!, county, 'Fjäll i Jämtland')).status).toBe(200);
    expect((await remove(tokens.editor!, county)).status).toBe(200);
  });

  it('takes pictures and PDF only: nothing a browser would run from the CMS origin, whatever its name says', async () => {
    const send = async (name: string, type: string, content: string | Uint8Array<ArrayBuffer>) => {
      const form = new FormData();
      form.append('files', new Blob([content], { type }), name);
      return fetch(`${app.url}/upload`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${tokens.editor!}` },
        body: form,
      });
    };
    const before = await app.strapi.db.query('plugin::upload.file').count();
    for (const [name, type, content] of [
      ['sida.html', 'text/html', '<script>alert(1)</script>'],
      ['skript.js', 'text/javascript', 'alert(1)'],
      [
        'logga.svg',
        'image/svg+xml',
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      ],
    ] as const) {
      const res = await send(name, type, content);
      expect(res.status, name).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message, name).toBe(
        'Filtypen tas inte emot. Ladda upp en bild (JPEG, PNG, WebP, AVIF, GIF) eller en PDF. / This type of file is not accepted. Upload a picture (JPEG, PNG, WebP, AVIF, GIF) or a PDF.',
      );
    }
    expect(await app.strapi.db.query('plugin::upload.file').count()).toBe(before);
    expect((await send('bild.png', 'image/png', new Uint8Array(PNG))).status).toBe(201);
    expect(
      (
        await send(
          'tidning.pdf',
          'application/pdf',
          '%PDF-1.4\n%âãÏÓ\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF',
        )
      ).status,
    ).toBe(201);
  });
});
