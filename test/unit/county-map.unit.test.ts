import { MUNICIPALITY_SLUGS } from '@tasteget/shared';
import { describe, expect, it } from 'vitest';
import { COWORKING } from '../../cms/src/seed/data/coworking';
import { inMunicipality, MAP_HEIGHT, MAP_WIDTH, municipalityPath, project } from '../../site/lib/county-map';

/**
 * The county's map is drawn from open geodata (site/lib/county-borders.json): each municipality
 * has an outline, the county fits the drawing, and the demo coworking spaces stand inside the
 * municipality they are tagged with, so their points land where the list says.
 */
describe('the county map', () => {
  it('outlines all eight municipalities inside the drawing', () => {
    for (const slug of MUNICIPALITY_SLUGS) {
      const path = municipalityPath(slug);
      expect(path, slug).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+)+Z/);
      for (const [, x, y] of path.matchAll(/([\d.]+),([\d.]+)/g)) {
        expect(Number(x)).toBeLessThanOrEqual(MAP_WIDTH);
        expect(Number(y)).toBeLessThanOrEqual(MAP_HEIGHT);
      }
    }
    // Taller than wide, as the county is.
    expect(MAP_HEIGHT).toBeGreaterThan(MAP_WIDTH);
  });

  it('puts the towns in their municipalities', () => {
    expect(inMunicipality('ostersund', 63.1792, 14.6357)).toBe(true); // Östersund
    expect(inMunicipality('are', 63.399, 13.0815)).toBe(true); // Åre
    expect(inMunicipality('harjedalen', 62.0333, 14.3833)).toBe(true); // Sveg
    expect(inMunicipality('are', 63.1792, 14.6357)).toBe(false);
    const { x, y } = project(63.1792, 14.6357);
    expect(x).toBeGreaterThan(0);
    expect(y).toBeGreaterThan(0);
  });

  it.each(COWORKING)('places $name inside $municipality', (space) => {
    expect(inMunicipality(space.municipality, space.latitude, space.longitude)).toBe(true);
  });
});
