import { describe, expect, it } from 'vitest';
import { COMPONENT_VIEWS, VIEWS } from '../../cms/src/bootstrap/admin-labels';
import { readSchemas } from '../support/schemas';

/**
 * Every field of every content type and component on disk has a Swedish label in the Content
 * Manager (cms/src/bootstrap/admin-labels.ts): a new field fails here until it is labelled.
 */
const schemas = readSchemas();
const views: Record<string, { mainField?: string; labels: Record<string, string>; readOnly?: string[] }> = {
  ...VIEWS,
  ...COMPONENT_VIEWS,
};

describe('admin field labels', () => {
  it('finds the content types and components', () => {
    expect(schemas.filter((s) => s.uid.startsWith('api::')).length).toBeGreaterThanOrEqual(16);
    expect(schemas.filter((s) => !s.uid.startsWith('api::')).length).toBeGreaterThanOrEqual(17);
  });

  it.each(schemas.map((s) => ({ uid: s.uid, attributes: s.attributes })))(
    '$uid labels every field',
    ({ uid, attributes }) => {
      const view = views[uid];
      expect(view, `${uid} has no entry in admin-labels.ts`).toBeDefined();
      for (const field of Object.keys(attributes)) {
        const label = view.labels[field];
        expect(label?.trim(), `${uid}.${field} has no label`).toBeTruthy();
        expect(label, `${uid}.${field} is labelled with its own name`).not.toBe(field);
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
});
