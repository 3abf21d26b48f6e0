import { describe, expect, it } from 'vitest';
import { en } from '../../cms/src/admin/translations/en';
import { enumLabels, labelDisagreements } from '@tasteget/shared';
import { sv } from '../../cms/src/admin/translations/sv';
import { readSchemas } from '../support/schemas';

/**
 * The Content Manager shows an enumeration option as the translation of its raw value, so every
 * value of every schema on disk needs a Swedish and an English label: a new value fails here until
 * it is labelled in shared/src/value-labels.ts.
 */
const enumerations = readSchemas().flatMap((schema) =>
  Object.entries(schema.attributes)
    .filter(([, attribute]) => attribute.type === 'enumeration')
    .map(([field, attribute]) => ({ key: `${schema.uid}.${field}`, values: attribute.enum ?? [] })),
);
const values = [...new Set(enumerations.flatMap((e) => e.values))].sort();

describe('enumeration labels', () => {
  it('finds the enumerations', () => {
    expect(enumerations.length).toBeGreaterThanOrEqual(24);
  });

  it.each(enumerations)('$key has a Swedish and an English label for each value', ({ values }) => {
    for (const value of values) {
      expect(enumLabels.sv[value]?.trim(), `sv: ${value}`).toBeTruthy();
      expect(enumLabels.en[value]?.trim(), `en: ${value}`).toBeTruthy();
    }
  });

  it('labels the same values in both languages', () => {
    expect(Object.keys(enumLabels.sv).sort()).toEqual(Object.keys(enumLabels.en).sort());
  });

  it('settles every value the vocabularies label differently', () => {
    expect(labelDisagreements).toEqual([]);
  });

  it("collides with none of the admin's other translation keys", () => {
    for (const value of values) {
      expect(sv, `sv.ts has a key "${value}"`).not.toHaveProperty([value]);
      expect(en, `en.ts has a key "${value}"`).not.toHaveProperty([value]);
    }
  });
});
