import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminSession, ADMIN_PASSWORD, type AdminSession } from '../support/admin';
import { startIntakeCms } from '../support/fixtures';
import { sampleDocument } from '../support/sample-data';
import { intakeSettled, registration, submit, uniqueEmail } from '../support/portal';

/**
 * Strapi's own validation (its yup checks of a Content Manager save, of the admin's forms, and a
 * body that is not JSON) answers staff in the project's admin error style
 * (cms/src/platform/plain-validation.ts): "svenska / English", each field named by its label,
 * `details.messages` with the two apart. Through the real Content Manager API, as the coordinator.
 */
let cms: Awaited<ReturnType<typeof startIntakeCms>>;
let coordinator: AdminSession;
let english: AdminSession;
const CONTACTS = '/content-manager/collection-types/api::contact.contact';
const ASSIGNMENTS = '/content-manager/collection-types/api::guide-assignment.guide-assignment';

type Row = Record<string, unknown> & { id: number; documentId: string };
type Answer = {
  data: unknown;
  error: {
    status: number;
    name: string;
    message: string;
    details: {
      messages?: { sv: string; en: string };
      errors?: { path: string[]; message: string }[];
      reason?: string;
    };
  };
};

beforeAll(async () => {
  cms = await startIntakeCms();
  coordinator = await adminSession(cms.app.strapi, cms.app.url, 'coordinator', 'samordnare@valid.example');
  // A coordinator who chose English in their profile.
  english = await adminSession(cms.app.strapi, cms.app.url, 'coordinator', 'coordinator@valid.example');
  await cms.app.strapi.db
    .query('admin::user')
    .update({ where: { id: english.id }, data: { preferedLanguage: 'en' } });
});
afterAll(async () => {
  await cms?.stop();
});

const contactRow = async (id: number) =>
  (await cms.app.strapi.db.query('api::contact.contact').findOne({ where: { id } })) as Row;

async function registered(): Promise<Row> {
  const email = uniqueEmail('val');
  expect((await submit(cms.app.url, '/api/registrations', registration({ email }))).status).toBe(201);
  await intakeSettled(cms.app.strapi);
  return (await cms.app.strapi.db.query('api::contact.contact').findOne({ where: { email } })) as Row;
}

/** The edit form as the admin sends it: the whole document, with the changes made. */
async function formOf(session: AdminSession, path: string) {
  const form = (await (await session.fetch(path)).json()) as { data: Row };
  const {
    id: _id,
    documentId: _doc,
    createdAt: _c,
    updatedAt: _u,
    createdBy: _cb,
    updatedBy: _ub,
    ...fields
  } = form.data;
  return fields;
}

/** A request with this session's admin JWT, a raw body and the headers given. */
async function send(
  session: AdminSession,
  method: string,
  path: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; answer: Answer }> {
  const res = await fetch(`${cms.app.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${session.token}`, 'Content-Type': 'application/json', ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, answer: JSON.parse(text) as Answer };
}

/** The project's style: "svenska / English" on top, the two apart in `details.messages`. */
function expectAdminStyle(answer: Answer) {
  expect(answer.data).toBeNull();
  expect(answer.error.status).toBe(400);
  const { messages } = answer.error.details;
  expect(messages?.sv, JSON.stringify(answer)).toBeTruthy();
  expect(messages?.en).toBeTruthy();
  expect(answer.error.message).toBe(`${messages?.sv} / ${messages?.en}`);
}

/** Every field's message reads "<Swedish label>: … / <English label>: …". */
function expectLabelled(answer: Answer, fields: Record<string, { sv: string; en: string }>) {
  const errors = answer.error.details.errors ?? [];
  expect(errors.map((e) => e.path.join('.')).sort(), JSON.stringify(answer)).toEqual(
    Object.keys(fields).sort(),
  );
  for (const error of errors) {
    const label = fields[error.path.join('.')];
    expect(error.message).toMatch(new RegExp(`^${label.sv}: [^/]+\\. / ${label.en}: [^/]+\\.$`));
    // No English template of Strapi's ("<field> must be …"), and nothing said in code.
    expect(error.message.startsWith(`${error.path.join('.')} `)).toBe(false);
    expect(error.message).not.toMatch(/`|NaN|one of the following|errors occurred/);
  }
}

describe("Strapi's validation of a Content Manager save", () => {
  const cases: {
    what: string;
    changes: Record<string, unknown>;
    fields: Record<string, { sv: string; en: string }>;
    says: RegExp;
  }[] = [
    {
      what: 'a status that is not one of its values',
      changes: { moveStatus: 'packing' },
      fields: { moveStatus: { sv: 'Status', en: 'Status' } },
      says: /^Status: välj ett av de tillåtna värdena\. \/ Status: choose one of the allowed values\.$/,
    },
    {
      what: 'a language that is not one of its values',
      changes: { language: 'de' },
      fields: { language: { sv: 'Språk', en: 'Language' } },
      says: /välj ett av de tillåtna värdena/,
    },
    {
      what: 'a municipality that is not on its list',
      changes: { municipalities: ['ostersund', 'stockholm'] },
      fields: { municipalities: { sv: 'Kommuner', en: 'Municipalities' } },
      says: /^Kommuner: välj bara bland listans värden, vart och ett en gång\. \/ Municipalities: choose only among the values of the list, each once\.$/,
    },
    {
      what: 'letters for a number',
      changes: { householdSize: 'många' },
      fields: { householdSize: { sv: 'Personer i hushållet', en: 'People in the household' } },
      says: /^Personer i hushållet: ange ett tal\. \/ People in the household: enter a number\.$/,
    },
    {
      what: 'a fraction for a whole number',
      changes: { children: 1.5 },
      fields: { children: { sv: 'Barn', en: 'Children' } },
      says: /ange ett heltal\. \/ Children: enter a whole number\.$/,
    },
    {
      what: 'a number for a text',
      changes: { occupation: 42 },
      fields: { occupation: { sv: 'Yrke eller bransch', en: 'Occupation or sector' } },
      says: /ange text\. \/ Occupation or sector: enter text\.$/,
    },
    {
      what: 'an empty e-mail address',
      changes: { email: '' },
      fields: { email: { sv: 'E-post', en: 'E-mail' } },
      says: /^E-post: fältet måste fyllas i\. \/ E-mail: the field must be filled in\.$/,
    },
    {
      what: 'something that is not an e-mail address',
      changes: { email: 'inte-en-adress' },
      fields: { email: { sv: 'E-post', en: 'E-mail' } },
      says: /^E-post: ange en giltig e-postadress\. \/ E-mail: enter a valid e-mail address\.$/,
    },
    {
      what: 'a name that is too long',
      changes: { firstName: 'x'.repeat(101) },
      fields: { firstName: { sv: 'Förnamn', en: 'First name' } },
      says: /^Förnamn: får vara högst 100 tecken\. \/ First name: may be at most 100 characters\.$/,
    },
    {
      what: 'a cleared required field',
      changes: { firstName: null },
      fields: { firstName: { sv: 'Förnamn', en: 'First name' } },
      says: /^Förnamn: fältet måste fyllas i\. \/ First name: the field must be filled in\.$/,
    },
    {
      what: 'a required field emptied',
      changes: { firstName: '' },
      fields: { firstName: { sv: 'Förnamn', en: 'First name' } },
      says: /^Förnamn: fältet måste fyllas i\. \/ First name: the field must be filled in\.$/,
    },
    {
      what: 'a required field left as spaces',
      changes: { firstName: '   ' },
      fields: { firstName: { sv: 'Förnamn', en: 'First name' } },
      says: /^Förnamn: fältet måste fyllas i\. \/ First name: the field must be filled in\.$/,
    },
    {
      what: 'a number below the least allowed',
      changes: { householdSize: 0 },
      fields: { householdSize: { sv: 'Personer i hushållet', en: 'People in the household' } },
      says: /måste vara minst 1\. \/ People in the household: must be at least 1\.$/,
    },
    {
      what: 'a number above the most allowed',
      changes: { children: 21 },
      fields: { children: { sv: 'Barn', en: 'Children' } },
      says: /^Barn: får vara högst 20\. \/ Children: may be at most 20\.$/,
    },
  ];

  for (const { what, changes, fields, says } of cases) {
    it(`refuses ${what} in both languages, naming the field by its label, and stores nothing`, async () => {
      const contact = await registered();
      const before = await contactRow(contact.id);
      const form = await formOf(coordinator, `${CONTACTS}/${contact.documentId}`);
      const { status, answer } = await send(
        coordinator,
        'PUT',
        `${CONTACTS}/${contact.documentId}`,
        JSON.stringify({ ...form, ...changes }),
      );
      expect(status, JSON.stringify(answer)).toBe(400);
      expect(answer.error.name).toBe('ValidationError');
      expectAdminStyle(answer);
      expectLabelled(answer, fields);
      expect(answer.error.details.errors?.[0].message).toMatch(says);
      // One field wrong: the answer says what is wrong with it.
      expect(answer.error.message).toBe(answer.error.details.errors?.[0].message);
      expect(await contactRow(contact.id)).toEqual(before);
    });
  }

  it('names every field of a save with several errors, on top and one by one', async () => {
    const contact = await registered();
    const before = await contactRow(contact.id);
    const form = await formOf(coordinator, `${CONTACTS}/${contact.documentId}`);
    const { status, answer } = await send(
      coordinator,
      'PUT',
      `${CONTACTS}/${contact.documentId}`,
      JSON.stringify({ ...form, moveStatus: 'packing', householdSize: 'många' }),
    );
    expect(status).toBe(400);
    expectAdminStyle(answer);
    expectLabelled(answer, {
      moveStatus: { sv: 'Status', en: 'Status' },
      householdSize: { sv: 'Personer i hushållet', en: 'People in the household' },
    });
    expect(answer.error.details.messages).toEqual({
      sv: '2 fält behöver rättas: Personer i hushållet, Status.',
      en: '2 fields need correcting: People in the household, Status.',
    });
    expect(answer.error.message).not.toMatch(/errors occurred/);
    expect(await contactRow(contact.id)).toEqual(before);
  });

  it('refuses a new contact without its required fields, and creates none', async () => {
    const count = await cms.app.strapi.db.query('api::contact.contact').count();
    const { status, answer } = await send(
      coordinator,
      'POST',
      CONTACTS,
      JSON.stringify({ lastName: 'Utan förnamn', email: uniqueEmail('val') }),
    );
    expect(status, JSON.stringify(answer)).toBe(400);
    expectAdminStyle(answer);
    expectLabelled(answer, { firstName: { sv: 'Förnamn', en: 'First name' } });
    expect(await cms.app.strapi.db.query('api::contact.contact').count()).toBe(count);
  });

  it('refuses a yes-or-no field given something else', async () => {
    const created = await cms.app.strapi.db.query('api::guide-assignment.guide-assignment').create({
      data: { user: coordinator.id, queue: 'berg', receivesReminders: false, publishedAt: new Date() },
    });
    const form = await formOf(coordinator, `${ASSIGNMENTS}/${created.documentId}`);
    const { status, answer } = await send(
      coordinator,
      'PUT',
      `${ASSIGNMENTS}/${created.documentId}`,
      JSON.stringify({ ...form, receivesReminders: 'kanske' }),
    );
    expect(status, JSON.stringify(answer)).toBe(400);
    expectAdminStyle(answer);
    expectLabelled(answer, { receivesReminders: { sv: 'Daglig påminnelse', en: 'Daily reminder' } });
    expect(answer.error.details.errors?.[0].message).toMatch(/välj ja eller nej\. \/ .*choose yes or no\.$/);
    const stored = await cms.app.strapi.db
      .query('api::guide-assignment.guide-assignment')
      .findOne({ where: { id: created.id } });
    expect(stored.receivesReminders).toBe(false);
  });

  it('leaves a refusal already in the project style as it is', async () => {
    // The platform keeps the deadline (owned-fields.ts): its own refusal, already bilingual.
    const contact = await registered();
    const form = await formOf(coordinator, `${CONTACTS}/${contact.documentId}`);
    const { status, answer } = await send(
      coordinator,
      'PUT',
      `${CONTACTS}/${contact.documentId}`,
      JSON.stringify({ ...form, firstResponseDueAt: '2030-01-01T00:00:00.000Z' }),
    );
    expect(status).toBe(400);
    expect(answer.error.details.messages?.sv).toMatch(/^Svarstiden räknas från registreringen/);
    expect(answer.error.details.messages?.en).toMatch(/^The response deadline is counted/);
    expect(answer.error.message).toBe(
      `${answer.error.details.messages?.sv} / ${answer.error.details.messages?.en}`,
    );
    expect(answer.error.details.errors?.map((e) => e.path.join('.'))).toEqual(['firstResponseDueAt']);
  });

  it('keeps a profile to the languages the admin speaks', async () => {
    const language = async () =>
      (
        (await cms.app.strapi.db.query('admin::user').findOne({ where: { id: coordinator.id } })) as {
          preferedLanguage: string | null;
        }
      ).preferedLanguage;
    const before = await language();
    // Stored as given, it left every answer in both languages and Strapi's screens in English.
    const refused = await send(
      coordinator,
      'PUT',
      '/admin/users/me',
      JSON.stringify({ preferedLanguage: 'xx' }),
    );
    expect(refused.status).toBe(400);
    expect(refused.answer.error.details.errors?.map((e) => e.path.join('.'))).toEqual(['preferedLanguage']);
    expect(refused.answer.error.message).toMatch(/^Välj svenska eller engelska som gränssnittets språk\./);
    expect(await language()).toBe(before);
    const spelled = await send(
      coordinator,
      'PUT',
      '/Admin/Users/Me/',
      JSON.stringify({ preferedLanguage: 'xx' }),
    );
    expect(spelled.status).toBe(400);
    expect(await language()).toBe(before);
    const chosen = await send(
      coordinator,
      'PUT',
      '/admin/users/me',
      JSON.stringify({ preferedLanguage: 'sv' }),
    );
    expect(chosen.status, JSON.stringify(chosen.answer)).toBe(200);
    expect(await language()).toBe('sv');
  });

  it("answers in the one language a request asks for first, and the admin panel in its user's", async () => {
    const contact = await registered();
    const before = await contactRow(contact.id);
    const form = await formOf(english, `${CONTACTS}/${contact.documentId}`);
    const save = (headers: Record<string, string>) =>
      send(
        english,
        'PUT',
        `${CONTACTS}/${contact.documentId}`,
        JSON.stringify({ ...form, moveStatus: 'packing' }),
        headers,
      );
    const both = {
      sv: 'Status: välj ett av de tillåtna värdena.',
      en: 'Status: choose one of the allowed values.',
    };

    const asked = await save({ 'Accept-Language': 'en-GB,en;q=0.9,sv;q=0.8' });
    expect(asked.status).toBe(400);
    expect(asked.answer.error.message).toBe(both.en);
    expect(asked.answer.error.details.errors?.map((e) => e.message)).toEqual([
      'Status: choose one of the allowed values.',
    ]);
    expect(asked.answer.error.details.messages).toEqual(both);
    const swedish = await save({ 'Accept-Language': 'sv-SE,sv;q=0.9,en;q=0.5' });
    expect(swedish.answer.error.message).toBe(both.sv);
    expect(swedish.answer.error.details.errors?.map((e) => e.message)).toEqual([
      'Status: välj ett av de tillåtna värdena.',
    ]);

    // The panel follows the profile (English here), whatever the browser's language, since
    // Strapi's screens show the message as it comes; the two apart stay for the project's panels.
    const panel = await save({
      'Accept-Language': 'sv-SE,sv;q=0.9',
      Referer: `${cms.app.url}/admin/content-manager/collection-types/api::contact.contact`,
    });
    expect(panel.answer.error.message).toBe(both.en);
    expect(panel.answer.error.details.errors?.map((e) => e.message)).toEqual([both.en]);
    expect(panel.answer.error.details.messages).toEqual(both);
    // And a request with no wish (`*`, or none) too.
    expectAdminStyle((await save({ 'Accept-Language': '*' })).answer);
    expect(await contactRow(contact.id)).toEqual(before);

    // The workspace's own checks are answered the same way, with the two apart.
    const period = await fetch(`${cms.app.url}/tasteget/kpis?from=2026-06-01&to=2026-01-01`, {
      headers: { Authorization: `Bearer ${english.token}`, 'Accept-Language': 'en' },
    });
    expect(period.status).toBe(400);
    const refusal = ((await period.json()) as Answer).error;
    expect(refusal.message).toBe(refusal.details.messages?.en);
    expect(refusal.message).toMatch(/^The period must start before it ends/);
  });
});

describe("the admin's other answers of the same shape", () => {
  it('says a record that is not there may have been deleted, as the edit view asks right after a delete', async () => {
    const contact = await registered();
    const path = `${CONTACTS}/${contact.documentId}`;
    expect((await coordinator.fetch(path, { method: 'DELETE' })).status).toBe(200);
    const gone = await coordinator.fetch(path);
    expect(gone.status).toBe(404);
    const { error } = (await gone.json()) as Answer;
    expect(error.details.messages).toEqual({
      sv: 'Posten finns inte (längre). Den kan ha tagits bort.',
      en: 'The record does not exist (any more). It may have been deleted.',
    });
    // In the panel, in the language of the user's profile alone.
    const panel = await fetch(`${cms.app.url}${path}`, {
      headers: { Authorization: `Bearer ${english.token}`, Referer: `${cms.app.url}/admin/content-manager` },
    });
    expect(((await panel.json()) as Answer).error.message).toBe(
      'The record does not exist (any more). It may have been deleted.',
    );
  });

  it('refuses a body that is not JSON in both languages, and stores nothing', async () => {
    const contact = await registered();
    const before = await contactRow(contact.id);
    for (const body of ['{"firstName": "Anna",', 'firstName=Anna']) {
      const { status, answer } = await send(coordinator, 'PUT', `${CONTACTS}/${contact.documentId}`, body);
      expect(status, JSON.stringify(answer)).toBe(400);
      expectAdminStyle(answer);
      expect(answer.error.details.messages).toEqual({
        sv: 'Innehållet är inte giltig JSON och kunde inte läsas.',
        en: 'The body is not valid JSON and could not be read.',
      });
    }
    expect(await contactRow(contact.id)).toEqual(before);
  });

  it('refuses a body past the limit with 413 in both languages, and stores nothing', async () => {
    const contact = await registered();
    const before = await contactRow(contact.id);
    const { status, answer } = await send(
      coordinator,
      'PUT',
      `${CONTACTS}/${contact.documentId}`,
      JSON.stringify({ firstName: 'Anna', message: 'x'.repeat(2 * 1024 * 1024) }),
    );
    expect(status, JSON.stringify(answer).slice(0, 300)).toBe(413);
    expect(answer.error.details.messages).toEqual({
      sv: 'Innehållet är för stort för att sparas. Korta texten, eller lägg stora filer i mediebiblioteket.',
      en: 'The content is too large to save. Shorten the text, or put large files in the Media Library.',
    });
    expect(await contactRow(contact.id)).toEqual(before);
  });

  it('names a bad link in rich text in both languages', async () => {
    const story = (await cms.app.strapi.documents('api::story.story').create({
      data: sampleDocument(cms.app.strapi, 'api::story.story'),
      locale: 'sv',
    } as never)) as unknown as { documentId: string };
    const body = [
      {
        type: 'paragraph',
        children: [
          { type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', text: 'Klicka' }] },
        ],
      },
    ];
    const { status, answer } = await send(
      coordinator,
      'PUT',
      `/content-manager/collection-types/api::story.story/${story.documentId}?locale=sv`,
      JSON.stringify({ body }),
    );
    expect(status, JSON.stringify(answer)).toBe(400);
    expectAdminStyle(answer);
    expect(answer.error.details.errors?.[0].message).toMatch(
      /: ange en giltig länk: en webbadress som börjar med https:\/\/ eller en sida på portalen\. \/ .*: give a valid link/,
    );
  });

  it('refuses rich text given as anything but blocks, and keeps the text it had', async () => {
    const story = (await cms.app.strapi.documents('api::story.story').create({
      data: sampleDocument(cms.app.strapi, 'api::story.story'),
      locale: 'sv',
    } as never)) as unknown as { documentId: string; body: unknown };
    // A draft's save took a plain string, answered 200 and stored the text empty.
    const { status, answer } = await send(
      coordinator,
      'PUT',
      `/content-manager/collection-types/api::story.story/${story.documentId}?locale=sv`,
      JSON.stringify({ body: 'Bara text' }),
    );
    expect(status, JSON.stringify(answer)).toBe(400);
    expectAdminStyle(answer);
    expect(answer.error.details.errors?.map((e) => e.path)).toEqual([['body']]);
    const stored = (await cms.app.strapi.db
      .query('api::story.story')
      .findOne({ where: { documentId: story.documentId, publishedAt: null } })) as { body: unknown };
    expect(stored.body).toEqual(story.body);
  });

  it("translates what it knows of the admin's own forms and leaves the rest as Strapi wrote it", async () => {
    // Strapi's password rules: the length is a known template, the others are Strapi's own.
    const { status, answer } = await send(
      coordinator,
      'PUT',
      '/admin/users/me',
      JSON.stringify({ currentPassword: ADMIN_PASSWORD, password: 'kort' }),
    );
    expect(status, JSON.stringify(answer)).toBe(400);
    expectAdminStyle(answer);
    const messages = (answer.error.details.errors ?? []).map((e) => e.message);
    expect(messages).toContain(
      'password: måste vara minst 8 tecken. / password: must be at least 8 characters.',
    );
    expect(messages.filter((m) => !m.includes(' / ')).length).toBeGreaterThan(0);
    expect(messages.filter((m) => !m.includes(' / ')).every((m) => m.startsWith('password '))).toBe(true);
    expect(answer.error.details.messages?.sv).toMatch(/^\d+ fält behöver rättas: password\.$|^Ett fält/);
    // The user can still log in with the password they had.
    const login = await fetch(`${cms.app.url}/admin/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: coordinator.email, password: ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
  });
});
