import { describe, expect, it } from 'vitest';
import { markupProblems } from '../support/markup';

/** The check the e2e suite runs on every page type of the built portal finds what it is meant to. */
describe('markup a browser has to repair', () => {
  it('passes a well-formed page', async () => {
    const page =
      '<!doctype html><html lang="sv"><head><title>T</title></head><body><main><p>Hej <a href="/">där</a></p><ul><li>ett</li></ul></main></body></html>';
    expect(await markupProblems(page)).toEqual([]);
  });

  it.each([
    ['a block in a paragraph', '<p>Text <div>block</div></p>', 'no-implicit-close'],
    ['a link in a link', '<a href="/a">ett <a href="/b">två</a></a>', 'element-permitted-content'],
    ['a list item outside a list', '<div><li>punkt</li></div>', 'element-permitted-parent'],
    ['an id used twice', '<span id="x"></span><span id="x"></span>', 'no-dup-id'],
  ])('finds %s', async (_, body, rule) => {
    const page = `<!doctype html><html lang="sv"><head><title>T</title></head><body><main>${body}</main></body></html>`;
    expect((await markupProblems(page)).join('\n')).toContain(rule);
  });
});
