import { describe, expect, it } from 'vitest';
import type { Label } from '@tasteget/shared';
import { COMPONENT_VIEWS, VIEWS } from '../../cms/src/bootstrap/admin-labels';
import { componentFieldLabelKey, fieldLabelKey } from '../../cms/src/admin/translations/field-labels';
import { translations } from '../../cms/src/admin/translations/merged';
import { CAMPAIGN, CONTACT, ACTIVITY, SUBSCRIPTION } from '../../cms/src/platform/content-types';
import { readSchemas } from '../support/schemas';

/**
 * Every field of every content type and component on disk has a label in the Content Manager in
 * Swedish and English (cms/src/bootstrap/admin-labels.ts): a new field fails here until it is
 * labelled. The admin registers each label in both languages under the key the Content Manager
 * looks the field up by (admin/translations/field-labels.ts), so the list and the edit view follow
 * the user's admin language; the Swedish one is also what the server writes into the view.
 */
const schemas = readSchemas();
type View = { mainField?: string; labels: Record<string, Label>; readOnly?: string[] };
const views: Record<string, View> = { ...VIEWS, ...COMPONENT_VIEWS } as Record<string, View>;
/** Where the Content Manager looks a field up: a content type's key, or a component's. */
const keyOf = (uid: string, field: string) =>
  uid.startsWith('api::') ? fieldLabelKey(uid, field) : componentFieldLabelKey(uid, field);

const labelled = Object.entries(views).flatMap(([uid, view]) =>
  Object.entries(view.labels).map(([field, label]) => ({ uid, field, label })),
);

describe('admin field labels', () => {
  it('finds the content types and components', () => {
    expect(schemas.filter((s) => s.uid.startsWith('api::')).length).toBeGreaterThanOrEqual(16);
    expect(schemas.filter((s) => !s.uid.startsWith('api::')).length).toBeGreaterThanOrEqual(17);
    // The register's own types among them: a field added to these cannot go unlabelled.
    for (const uid of [CONTACT, ACTIVITY, CAMPAIGN, SUBSCRIPTION]) {
      expect(schemas.map((s) => s.uid)).toContain(uid);
    }
    expect(labelled.length).toBeGreaterThan(300);
  });

  it.each(schemas.map((s) => ({ uid: s.uid, attributes: s.attributes })))(
    '$uid labels every field in Swedish and English',
    ({ uid, attributes }) => {
      const view = views[uid];
      expect(view, `${uid} has no entry in admin-labels.ts`).toBeDefined();
      for (const field of Object.keys(attributes)) {
        const label = view.labels[field];
        expect(label?.sv?.trim(), `${uid}.${field} has no Swedish label`).toBeTruthy();
        expect(label?.en?.trim(), `${uid}.${field} has no English label`).toBeTruthy();
        expect(label.sv, `${uid}.${field} is labelled with its own name`).not.toBe(field);
        expect(label.en, `${uid}.${field} is labelled with its own name`).not.toBe(field);
      }
    },
  );

  it('labels no field that is not in the schema', () => {
    for (const [uid, view] of Object.entries(views)) {
      const schema = schemas.find((s) => s.uid === uid);
      expect(schema, `${uid} is not a schema on disk`).toBeDefined();
      const fields = Object.keys(schema!.attributes);
      for (const field of [...Object.keys(view.labels), ...(view.readOnly ?? [])]) {
        expect(fields, `${uid}.${field}`).toContain(field);
      }
      if (view.mainField) expect(fields, `${uid} mainField`).toContain(view.mainField);
    }
  });

  it.each(labelled)('$field of $uid is translated in both admin languages', ({ uid, field, label }) => {
    const key = keyOf(uid, field);
    expect(translations.sv[key], `${key} in Swedish`).toBe(label.sv);
    expect(translations.en[key], `${key} in English`).toBe(label.en);
  });

  it('uses the keys Strapi 5.54 looks fields up by', () => {
    expect(translations.en['content-manager.content-types.api::contact.contact.preferredChannel']).toBe(
      'Wants to be contacted by',
    );
    expect(translations.sv['content-manager.content-types.api::contact.contact.preferredChannel']).toBe(
      'Vill bli kontaktad via',
    );
    expect(translations.en['content-manager.components.shared.seo.metaTitle']).toBe(
      'Title in search results',
    );
  });
});
