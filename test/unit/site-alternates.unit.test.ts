import { describe, expect, it } from 'vitest';
import { itemAlternates } from '../../site/lib/routes';

/** An item's page names its other language only where a translation is published. */
describe('itemAlternates', () => {
  it('names the translation under its own slug', () => {
    expect(itemAlternates('stories', 'sv', 'flytten-hem', 'moving-home')).toEqual({
      sv: '/berattelser/flytten-hem/',
      en: '/en/stories/moving-home/',
    });
    expect(itemAlternates('news', 'en', 'open-house', 'oppet-hus')).toEqual({
      sv: '/nyheter/oppet-hus/',
      en: '/en/news/open-house/',
    });
  });

  it('names no page in a language the item is not translated to', () => {
    expect(itemAlternates('events', 'sv', 'traff', undefined)).toEqual({
      sv: '/evenemang/traff/',
      en: undefined,
    });
    expect(itemAlternates('municipalities', 'en', 'are', undefined)).toEqual({
      sv: undefined,
      en: '/en/municipalities/are/',
    });
  });
});
