/**
 * Where the CMS is: `CMS_URL` is what the build (and the draft preview) reads from; `PUBLIC_CMS_URL`
 * is where visitors' browsers post the forms, when that differs (e.g. behind a proxy). Read when
 * asked, so one process can build for several CMSes (the tests do).
 */
const DEFAULT_CMS_URL = 'http://127.0.0.1:1337';
const withoutSlash = (url: string) => url.replace(/\/$/, '');

export const cmsUrl = (): string => withoutSlash(process.env.CMS_URL ?? DEFAULT_CMS_URL);

export const publicCmsUrl = (): string => withoutSlash(process.env.PUBLIC_CMS_URL ?? cmsUrl());
