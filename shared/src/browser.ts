/**
 * The part of @tasteget/shared that a browser bundle (and the portal's build, which Vite bundles)
 * may import (`@tasteget/shared/browser`): the form schemas, their messages, the vocabularies the
 * forms show and the pages' CMS queries. Business days are left out on purpose: date-holidays
 * carries every country's calendar and would weigh down the portal's forms.
 */
export * from './labels';
export * from './municipalities';
export * from './topics';
export * from './register';
export * from './json-lists';
export * from './forms';
export * from './newsletters';
export * from './page-queries';
export * from './segments';
export * from './routes';
export * from './live-pages';
export * from './accessibility';
export * from './statistics';
export * from './time';
export * from './value-labels';
