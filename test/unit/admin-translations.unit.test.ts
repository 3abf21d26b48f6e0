import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentTypeNames } from '../../cms/src/admin/translations/content-type-names';
import { en } from '../../cms/src/admin/translations/en';
import { enumLabels } from '@tasteget/shared';
import { fieldLabels } from '../../cms/src/admin/translations/field-labels';
import { translations } from '../../cms/src/admin/translations/merged';
import { strapiSv, strapiSvByPackage, strapiSvCodeOnly } from '../../cms/src/admin/translations/strapi-sv';
import { sv } from '../../cms/src/admin/translations/sv';
import { CMS_DIR, ROOT } from '../support/paths';
import { readSchemas } from '../support/schemas';

/**
 * The admin's own texts exist in both its languages: every `tasteget.*` id the admin's source
 * asks for has a Swedish and an English text, the two files hold the same ids, and a call's
 * English `defaultMessage` is the text in en.ts.
 */
const ADMIN_DIR = path.join(CMS_DIR, 'src', 'admin');
const OWN = /^tasteget\./;

const sources = (fs.readdirSync(ADMIN_DIR, { recursive: true }) as string[])
  .filter((file) => /\.tsx?$/.test(file) && !file.startsWith(`translations${path.sep}`))
  .map((file) => ({ file, text: fs.readFileSync(path.join(ADMIN_DIR, file), 'utf8') }));

/** `id: 'tasteget.…'` literals, with the `defaultMessage` literal that follows, if one does. */
const uses = sources.flatMap(({ file, text }) =>
  [
    ...text.matchAll(
      /id:\s*(['"])(tasteget\.[^'"]+)\1(?:,\s*defaultMessage:\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"))?/g,
    ),
  ].map((m) => ({ file, id: m[2], defaultMessage: m[3] ?? m[4] })),
);
const usedIds = new Set(uses.map((u) => u.id));
const own = (messages: Record<string, string>) => Object.keys(messages).filter((k) => OWN.test(k));
/** The ICU arguments of a message: `{name}`, `{count, plural, …}`. */
const args = (message: string) => [...message.matchAll(/\{\s*(\w+)\s*[,}]/g)].map((m) => m[1]).sort();

describe('admin translations', () => {
  it('finds the ids in the source', () => {
    expect(uses.length).toBeGreaterThan(50);
  });

  it('holds the same tasteget.* keys in Swedish and English', () => {
    expect(own(sv).sort()).toEqual(own(en).sort());
  });

  it('has no empty text', () => {
    for (const [key, text] of [...Object.entries(sv), ...Object.entries(en)]) {
      expect(text.trim(), key).not.toBe('');
    }
  });

  it.each([...usedIds].sort())('%s is translated in both languages', (id) => {
    expect(sv[id], `${id} missing in sv.ts`).toBeDefined();
    expect(en[id], `${id} missing in en.ts`).toBeDefined();
  });

  it('uses every tasteget.* key it translates', () => {
    expect(own(sv).filter((key) => !usedIds.has(key))).toEqual([]);
  });

  it('gives each call the English text as its defaultMessage', () => {
    for (const { file, id, defaultMessage } of uses) {
      if (defaultMessage !== undefined) expect(defaultMessage, `${id} in ${file}`).toBe(en[id]);
    }
  });

  it('gives the Swedish and English text of a key the same arguments', () => {
    for (const key of own(sv)) expect(args(sv[key]), key).toEqual(args(en[key]));
  });
});

/**
 * Strapi's own admin texts read Swedish. For each package whose texts staff meet, every key of its
 * English, read from node_modules (an upgrade that adds one fails here), is in Strapi's own Swedish
 * or in strapi-sv.ts, and so is every id its code asks for that no en.json has. Each Swedish text,
 * Strapi's or ours, keeps the English text's placeholders and tags.
 */
const STRAPI = path.join(ROOT, 'node_modules', '@strapi');
/** Where each package's admin code and translations are; `id` prefixes its keys (none: core). */
const PACKAGES = [
  { id: 'admin', code: 'admin/dist/admin', translations: 'admin/dist/admin/admin/src/translations' },
  { id: 'content-manager', code: 'content-manager/dist/admin' },
  { id: 'upload', code: 'upload/dist/admin' },
  { id: 'i18n', code: 'i18n/dist/admin' },
  { id: 'content-type-builder', code: 'content-type-builder/dist/admin' },
  { id: 'email', code: 'email/dist/admin' },
  { id: 'users-permissions', code: 'plugin-users-permissions/dist/admin' },
];
/** Ids in Strapi's code that are no text staff read: placeholders and the builder's raw values. */
const NOT_TEXTS = new Set([
  'FIXME',
  'Zone pour plugins',
  'true',
  'false',
  'null',
  'http://www.client-app.com',
]);

type Messages = Record<string, string>;
async function messages(file: string): Promise<Messages> {
  if (!fs.existsSync(file)) return {};
  return ((await import(pathToFileURL(file).href)) as { default: Messages }).default;
}
const prefixed = (id: string, key: string) => (id === 'admin' ? key : `${id}.${key}`);

const strapi = await Promise.all(
  PACKAGES.map(async (pkg) => {
    const dir = path.join(STRAPI, pkg.translations ?? path.join(pkg.code, 'translations'));
    return {
      ...pkg,
      en: await messages(path.join(dir, 'en.json.mjs')),
      sv: await messages(path.join(dir, 'sv.json.mjs')),
    };
  }),
);
/** Every package's English, keyed as the admin looks it up. */
const strapiEn: Messages = Object.fromEntries(
  strapi.flatMap((pkg) => Object.entries(pkg.en).map(([key, text]) => [prefixed(pkg.id, key), text])),
);
/** The Swedish a staff user gets: Strapi's own, then what app.tsx registers over it. */
const effectiveSv: Messages = {
  ...Object.fromEntries(
    strapi.flatMap((pkg) => Object.entries(pkg.sv).map(([key, text]) => [prefixed(pkg.id, key), text])),
  ),
  ...translations.sv,
};

/**
 * Message ids Strapi's code asks for, with the English default where it is a literal:
 * `id: 'x', defaultMessage: '…'`, and a plugin's `getTrad('x')` (or `${pluginId}.x`), which carry
 * its prefix. Tests and Enterprise-only screens are left out.
 */
const unquote = (literal: string | undefined) => literal?.replace(/\\(.)/g, '$1');
function idsInCode(pkg: (typeof PACKAGES)[number]): Map<string, string | undefined> {
  const ids = new Map<string, string | undefined>();
  const dir = path.join(STRAPI, pkg.code);
  const literal = String.raw`(?:'((?:[^'\\]|\\.)*)'|\`([^\`$]*)\`)`;
  const files = (fs.readdirSync(dir, { recursive: true }) as string[]).filter(
    (file) => file.endsWith('.mjs') && !/(^|\/)(translations|tests|ee)\//.test(file),
  );
  for (const file of files) {
    const code = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const m of code.matchAll(
      new RegExp(String.raw`\bid:\s*'([^'$]+)'\s*,\s*defaultMessage:\s*${literal}?`, 'g'),
    )) {
      ids.set(m[1], unquote(m[2] ?? m[3]));
    }
    if (pkg.id === 'admin') continue;
    for (const m of code.matchAll(/\bid:\s*`\$\{(?:pluginId|PLUGIN_ID)\}\.([^`$]+)`/g)) {
      ids.set(`${pkg.id}.${m[1]}`, undefined);
    }
    for (const m of code.matchAll(
      new RegExp(
        String.raw`\b(?:getTranslation|getTrad|getTranslationKey)\(\s*'([^']+)'\s*\)(?:\s*,\s*defaultMessage:\s*${literal})?`,
        'g',
      ),
    )) {
      ids.set(`${pkg.id}.${m[1]}`, unquote(m[2] ?? m[3]));
    }
  }
  return ids;
}
const codeIds = new Map(PACKAGES.flatMap((pkg) => [...idsInCode(pkg)]));
/** Ids the code asks for that no package's English has, with the code's English default. */
const codeOnly = [...codeIds].filter(([id]) => !(id in strapiEn) && !NOT_TEXTS.has(id));

/**
 * The arguments and rich-text tags of an ICU message, sorted: `{name}`, `{count, plural, …}` with
 * the arguments in its branches, `<b>`. Quoted text (`'{'`) is not an argument. Throws on a message
 * whose braces do not balance.
 */
function placeholders(message: string): string[] {
  const found = new Set<string>();
  const text = message.replace(/''/g, '').replace(/'[{}<>#|][^']*'/g, '');
  let i = 0;
  const fail = (): never => {
    throw new Error(`not a valid ICU message: ${message}`);
  };
  const take = (pattern: RegExp): string => {
    const m = pattern.exec(text.slice(i)) ?? fail();
    i += m[0].length;
    return m[1];
  };
  const body = (): void => {
    while (i < text.length && text[i] !== '}') {
      if (text[i] === '{') argument();
      else i++;
    }
  };
  /** `{name}`, `{n, number}` or `{n, plural|select|selectordinal, key {message} …}`, from its `{`. */
  const argument = (): void => {
    i++;
    found.add(take(/^\s*([^\s{},#<>']+)\s*/));
    let type = '';
    if (text[i] === ',') {
      i++;
      type = take(/^\s*(\w+)\s*/);
    }
    if (['plural', 'select', 'selectordinal'].includes(type)) {
      if (text[i++] !== ',') fail();
      for (let key = take(/^\s*([^\s{}]*)\s*/); key !== ''; key = take(/^\s*([^\s{}]*)\s*/)) {
        if (key.startsWith('offset:')) continue;
        if (text[i++] !== '{') fail();
        body();
        if (text[i++] !== '}') fail();
      }
    } else {
      // A simple argument, or a number, date or time with a style of its own.
      while (i < text.length && text[i] !== '}') i++;
    }
    if (text[i++] !== '}') fail();
  };
  body();
  if (i < text.length) fail();
  for (const m of text.matchAll(/<\/?([A-Za-z][\w-]*)\s*\/?>/g)) found.add(`<${m[1]}>`);
  return [...found].sort();
}

describe("Strapi's admin texts in Swedish", () => {
  it('reads the packages and their code', () => {
    for (const pkg of strapi) expect(Object.keys(pkg.en).length, pkg.id).toBeGreaterThan(40);
    expect(Object.keys(strapiEn).length).toBeGreaterThan(2000);
    expect(codeIds.size).toBeGreaterThan(1000);
  });

  it.each(strapi.map((pkg) => ({ id: pkg.id, en: pkg.en })))(
    '$id: every English key has a Swedish text',
    ({ id, en }) => {
      // A few of Strapi's texts are a blank on purpose (a select's empty option).
      const missing = Object.keys(en).filter((key) => {
        const text = effectiveSv[prefixed(id, key)];
        return text === undefined || (!text.trim() && en[key].trim());
      });
      expect(missing, 'add these to strapi-sv.ts').toEqual([]);
    },
  );

  it('has a Swedish text for every id the code asks for that no en.json has', () => {
    expect(codeOnly.filter(([id]) => !effectiveSv[id]?.trim()).map(([id]) => id)).toEqual([]);
  });

  it("keeps the English text's placeholders and tags in every Swedish text", () => {
    const english: Messages = {
      ...Object.fromEntries(codeOnly.flatMap(([id, text]) => (text === undefined ? [] : [[id, text]]))),
      ...strapiEn,
    };
    for (const [key, text] of Object.entries(english)) {
      if (effectiveSv[key] === undefined) continue;
      expect(placeholders(effectiveSv[key]), key).toEqual(placeholders(text));
    }
  });

  it('translates only keys Strapi has, and corrects only what Strapi says differently', () => {
    for (const pkg of strapi) {
      for (const [key, text] of Object.entries(strapiSvByPackage[pkg.id] ?? {})) {
        expect(pkg.en, `${pkg.id}: ${key} is not in its en.json`).toHaveProperty([key]);
        expect(text, `${pkg.id}: ${key} repeats Strapi's Swedish`).not.toBe(pkg.sv[key]);
      }
    }
    expect(Object.keys(strapiSvByPackage).sort()).toEqual(PACKAGES.map((pkg) => pkg.id).sort());
    const asked = new Set(codeOnly.map(([id]) => id));
    for (const key of Object.keys(strapiSvCodeOnly)) {
      expect(asked.has(key), `${key} is no longer asked for by Strapi's code, or is in an en.json`).toBe(
        true,
      );
    }
  });

  it('defines each key in one place only', () => {
    const sources = {
      'strapi-sv.ts': strapiSv,
      'shared value-labels.ts': enumLabels.sv,
      'content-type-names.ts': contentTypeNames.sv,
      'field-labels.ts': fieldLabels.sv,
      'sv.ts': sv,
    };
    const seen = new Map<string, string>();
    const perPackage = Object.values(strapiSvByPackage).reduce(
      (n, messages) => n + Object.keys(messages).length,
      0,
    );
    expect(Object.keys(strapiSv).length).toBe(perPackage + Object.keys(strapiSvCodeOnly).length);
    for (const [source, messages] of Object.entries(sources)) {
      for (const key of Object.keys(messages)) {
        expect(seen.get(key), `${key} in ${source}`).toBeUndefined();
        seen.set(key, source);
      }
    }
  });

  it('finds a broken placeholder or a missing key', () => {
    expect(placeholders('{count, plural, one {# post} other {# poster}} av {total}')).toEqual([
      'count',
      'total',
    ]);
    expect(placeholders('<b>{n}</b> {n, select, true {ja} other {{label}}}')).toEqual(['<b>', 'label', 'n']);
    expect(placeholders("'{'inte'}' {bläddra}")).toEqual(['bläddra']);
    expect(() => placeholders('{count, plural, one {# post}')).toThrow();
  });
});

/**
 * The content types and dynamic-zone components are named as the Content Manager asks for them
 * (content-type-names.ts): a new type or component fails here until it is named.
 */
const schemas = readSchemas() as (ReturnType<typeof readSchemas>[number] & {
  info: { displayName: string };
})[];
const types = schemas.filter((s) => s.uid.startsWith('api::'));
const zoneComponents = [
  ...new Set(
    types.flatMap((s) =>
      Object.values(s.attributes)
        .filter((a) => a.type === 'dynamiczone')
        .flatMap((a) => a.components as string[]),
    ),
  ),
].sort();
const categories = [...new Set(zoneComponents.map((uid) => uid.split('.')[0]))].sort();

describe("the content types' names", () => {
  it('finds the types and the dynamic zones', () => {
    expect(types.length).toBeGreaterThanOrEqual(16);
    expect(zoneComponents.length).toBeGreaterThanOrEqual(5);
  });

  it.each(types.map((s) => ({ uid: s.uid, name: s.info.displayName })))(
    '$uid is named "$name" in Swedish, and in English in English',
    ({ name }) => {
      expect(translations.sv[name]).toBe(name);
      expect(translations.en[name]?.trim()).toBeTruthy();
      // English unless the word is the same in both (Coworking is not).
      expect(translations.en[name]).not.toBe(name);
    },
  );

  it.each(zoneComponents)('the dynamic zone component %s is named in Swedish and in English', (uid) => {
    const name = schemas.find((s) => s.uid === uid)?.info.displayName;
    expect(translations.sv[uid]).toBe(name);
    expect(translations.en[uid]?.trim()).toBeTruthy();
    expect(translations.en[uid]).not.toBe(name);
  });

  it("names the dynamic zones' component categories in both languages", () => {
    for (const category of categories) {
      expect(translations.sv[category]?.trim(), category).toBeTruthy();
      expect(translations.en[category]?.trim(), category).toBeTruthy();
    }
  });

  it("names nothing that is not on disk, except Strapi's user type", () => {
    const known = new Set([
      ...types.map((s) => s.info.displayName),
      ...zoneComponents,
      ...categories,
      'User',
    ]);
    for (const key of Object.keys(contentTypeNames.sv)) expect(known, key).toContain(key);
    expect(Object.keys(contentTypeNames.en).sort()).toEqual(Object.keys(contentTypeNames.sv).sort());
  });
});
