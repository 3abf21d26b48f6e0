import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../cms/src/admin/translations/en';
import { sv } from '../../cms/src/admin/translations/sv';
import { CMS_DIR } from '../support/paths';

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
