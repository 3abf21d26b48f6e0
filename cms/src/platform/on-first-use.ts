/**
 * A library loaded when it is first used, not when a file that names it is loaded: for libraries
 * that only some configurations need (S3, Redis, an IMAP mailbox), so that a process on the
 * embedded defaults never holds them (together about 27 MB of a booted CMS). Type it with
 * `typeof import('…')`. require(), not import(): the CMS is CommonJS, and import() would load a
 * library's ESM build beside the CommonJS one that other packages require.
 */
export function onFirstUse<Library>(id: string): () => Library {
  let library: Library | undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading on demand is the point
  return () => (library ??= require(id) as Library);
}
