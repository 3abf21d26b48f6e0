import fs from 'node:fs';
import path from 'node:path';
import { CMS_DIR } from './paths';

export interface Attribute {
  type: string;
  enum?: string[];
  required?: boolean;
  [key: string]: unknown;
}
export interface SchemaFile {
  /** `api::story.story` or `shared.seo` */
  uid: string;
  file: string;
  attributes: Record<string, Attribute>;
  options?: { draftAndPublish?: boolean };
}

/** Every content-type and component schema of the CMS, read from its source. */
export function readSchemas(): SchemaFile[] {
  const api = path.join(CMS_DIR, 'src', 'api');
  const components = path.join(CMS_DIR, 'src', 'components');
  // APIs without a content type (the portal's endpoints) have no schema.
  const types = fs
    .readdirSync(api)
    .filter((name) => fs.existsSync(path.join(api, name, 'content-types', name, 'schema.json')))
    .map((name) => {
      const file = path.join(api, name, 'content-types', name, 'schema.json');
      return { uid: `api::${name}.${name}`, file, ...JSON.parse(fs.readFileSync(file, 'utf8')) };
    });
  const comps = fs.readdirSync(components).flatMap((category) =>
    fs.readdirSync(path.join(components, category)).map((f) => {
      const file = path.join(components, category, f);
      return {
        uid: `${category}.${path.basename(f, '.json')}`,
        file,
        ...JSON.parse(fs.readFileSync(file, 'utf8')),
      };
    }),
  );
  return [...types, ...comps];
}
