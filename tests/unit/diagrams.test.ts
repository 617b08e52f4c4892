import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { areaMark, diagrams } from '../../db/rules/body-map';
import { insidePolygon, pairsOf, roomiestPoint } from '../../renderer/charting/geometry';

// The diagrams shipped in resources/diagrams: what the map offers and what marks store.

interface ZoneFile {
  id: string;
  label: string;
  d: string;
}

const read = (name: string) => {
  const text = readFileSync(join(import.meta.dirname, '../../resources/diagrams', `${name}.svg`), 'utf8');
  const [, w, h] = /viewBox="0 0 (\d+) (\d+)"/.exec(text)!;
  const zonesGroup = /<g id="zones"[^>]*>([\s\S]*?)<\/g>/.exec(text)![1]!;
  const zones: ZoneFile[] = [...zonesGroup.matchAll(/<path id="([^"]+)" data-label="([^"]+)" d="([^"]+)"\/>/g)].map((m) => ({ id: m[1]!, label: m[2]!.replace('&amp;', '&'), d: m[3]! }));
  return { text, width: Number(w), height: Number(h), zones };
};

const ids = (name: string) => read(name).zones.map((z) => z.id);

describe('face and body diagrams', () => {
  it.each(diagrams)('%s: named zones, each a path with a unique id and a label a mark can store', (name) => {
    const { text, zones, width, height } = read(name);
    expect(text).toMatch(/<title>[^<]+<\/title>/);
    expect(zones.length).toBeGreaterThan(10);
    expect(new Set(zones.map((z) => z.id)).size).toBe(zones.length);
    expect(new Set(zones.map((z) => z.label)).size).toBe(zones.length);
    for (const z of zones) {
      expect(z.id).toMatch(/^[a-z][a-z_]*$/);
      const mark = areaMark.safeParse({ id: 'm1', diagram: name, kind: 'zone', zone: z.id, label: z.label });
      expect(mark.success, `${z.id}: ${JSON.stringify(mark.error?.issues)}`).toBe(true);
      for (const [x, y] of pairsOf(z.d)) {
        expect(x).toBeGreaterThanOrEqual(0);
        expect(x).toBeLessThanOrEqual(width);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(y).toBeLessThanOrEqual(height);
      }
    }
  });

  it.each(diagrams)('%s: zones do not overlap, and each has room for its number inside it', (name) => {
    const { zones, width, height } = read(name);
    const polygons = zones.map((z) => ({ id: z.id, polygon: pairsOf(z.d) }));
    for (let x = 2; x < width; x += 4) {
      for (let y = 2; y < height; y += 4) {
        const under = polygons.filter((p) => insidePolygon([x, y], p.polygon)).map((p) => p.id);
        expect(under.length, `(${x}, ${y}) lies in ${under.join(' and ')}`).toBeLessThanOrEqual(1);
      }
    }
    for (const p of polygons) expect(insidePolygon(roomiestPoint(p.polygon), p.polygon), p.id).toBe(true);
  });

  it('the face from the front has the zones practitioners chart, left and right being the patient’s own', () => {
    expect(ids('face_front')).toEqual(
      expect.arrayContaining(['forehead', 'glabella', 'left_temple', 'right_temple', 'left_cheek', 'right_cheek', 'nose', 'upper_lip', 'chin', 'left_jawline', 'right_jawline', 'neck', 'decolletage']),
    );
    // The patient's right is on the viewer's left.
    const zones = read('face_front').zones;
    const x = (id: string) => roomiestPoint(pairsOf(zones.find((z) => z.id === id)!.d))[0];
    expect(x('right_cheek')).toBeLessThan(200);
    expect(x('left_cheek')).toBeGreaterThan(200);
    expect(read('face_front').zones.find((z) => z.id === 'decolletage')!.label).toBe('Décolletage (upper chest)');
  });

  it('each side view shows its own side only, with the same zone ids as the front', () => {
    expect(ids('face_left').filter((id) => id.startsWith('right_'))).toEqual([]);
    expect(ids('face_right').filter((id) => id.startsWith('left_'))).toEqual([]);
    expect(ids('face_left')).toEqual(expect.arrayContaining(['left_cheek', 'left_temple', 'left_jawline', 'left_ear', 'nose', 'chin']));
    expect(ids('face_right')).toEqual(ids('face_left').map((id) => id.replace('left_', 'right_')));
  });

  it('the body front and back cover the trunk, arms and legs on both sides', () => {
    expect(ids('body_front')).toEqual(
      expect.arrayContaining(['chest', 'abdomen', 'left_upper_arm', 'right_forearm', 'left_hand', 'right_underarm', 'left_thigh', 'right_inner_thigh', 'left_knee', 'right_lower_leg']),
    );
    expect(ids('body_back')).toEqual(expect.arrayContaining(['upper_back', 'lower_back', 'left_buttock', 'right_thigh', 'left_elbow', 'right_calf']));
    // From behind, the patient's left is on the viewer's left.
    const zones = read('body_back').zones;
    const x = (id: string) => roomiestPoint(pairsOf(zones.find((z) => z.id === id)!.d))[0];
    expect(x('left_buttock')).toBeLessThan(150);
    expect(x('right_buttock')).toBeGreaterThan(150);
  });
});
