import { MUNICIPALITY_SLUGS } from '@tasteget/shared';
import { describe, expect, it } from 'vitest';
import { COWORKING } from '../../cms/src/seed/data/coworking';
import {
  inMunicipality,
  MAP_HEIGHT,
  MAP_WIDTH,
  municipalityPath,
  project,
  spreadMarkers,
} from '../../site/lib/county-map';

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

  it('moves markers that would cover one another apart, and leaves the others where they are', () => {
    const apart = (points: { x: number; y: number }[]) =>
      points.every((a, i) => points.slice(i + 1).every((b) => Math.hypot(a.x - b.x, a.y - b.y) >= 18));
    // The demo's spaces: two in Östersund's centre drew one on the other.
    const demo = COWORKING.map((space) => project(space.latitude, space.longitude));
    expect(apart(demo)).toBe(false);
    expect(apart(spreadMarkers(demo, 9))).toBe(true);
    // Three at one spot, one beside them, and one alone far off.
    const crowded = [
      { x: 100, y: 100 },
      { x: 100, y: 100 },
      { x: 100, y: 100 },
      { x: 110, y: 100 },
      { x: 300, y: 400 },
    ];
    const spread = spreadMarkers(crowded, 9);
    expect(apart(spread)).toBe(true);
    expect(spread[4]).toEqual({ x: 300, y: 400 });
    // Still near where they are: within a few markers' width.
    for (const p of spread.slice(0, 4)) expect(Math.hypot(p.x - 102.5, p.y - 100)).toBeLessThan(30);
    // The same points give the same map.
    expect(spreadMarkers(crowded, 9)).toEqual(spread);
  });

  it.each(COWORKING)('places $name inside $municipality', (space) => {
    expect(inMunicipality(space.municipality, space.latitude, space.longitude)).toBe(true);
  });
});
