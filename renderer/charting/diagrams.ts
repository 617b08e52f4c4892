// The face and body diagrams. Their one source is resources/diagrams/*.svg (shipped with the app);
// the renderer bundles the same files as text and reads their zones and lines from them.
import type { Diagram } from '../../db/rules/body-map';
import bodyBack from '../../resources/diagrams/body_back.svg?raw';
import bodyFront from '../../resources/diagrams/body_front.svg?raw';
import faceFront from '../../resources/diagrams/face_front.svg?raw';
import faceLeft from '../../resources/diagrams/face_left.svg?raw';
import faceRight from '../../resources/diagrams/face_right.svg?raw';

export type { Diagram };
export { diagrams } from '../../db/rules/body-map';

export const diagramLabels: Record<Diagram, string> = {
  face_front: 'Face, front',
  face_left: 'Face, left side',
  face_right: 'Face, right side',
  body_front: 'Body, front',
  body_back: 'Body, back',
};

const sources: Record<Diagram, string> = { face_front: faceFront, face_left: faceLeft, face_right: faceRight, body_front: bodyFront, body_back: bodyBack };

export type Point = readonly [number, number];

export interface Zone {
  id: string;
  label: string;
  d: string;
  /** The outline as points (curves are followed through their control points): for finding what lies where. */
  polygon: Point[];
  /** A point well inside the zone: where its number is drawn and where a point "in the zone" goes. */
  inside: Point;
}

export interface DiagramArt {
  id: Diagram;
  title: string;
  width: number;
  height: number;
  zones: Zone[];
  lines: { d: string; faint: boolean }[];
}

const pairsOf = (d: string): Point[] => {
  const numbers = d.match(/-?\d*\.?\d+(?:e-?\d+)?/gi)?.map(Number) ?? [];
  const points: Point[] = [];
  for (let i = 0; i + 1 < numbers.length; i += 2) points.push([numbers[i]!, numbers[i + 1]!]);
  return points;
};

/** Even–odd rule: is the point inside the polygon? */
export function insidePolygon([x, y]: Point, polygon: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const distanceToEdges = ([x, y]: Point, polygon: readonly Point[]): number => {
  let best = Infinity;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [ax, ay] = polygon[j]!;
    const [bx, by] = polygon[i]!;
    const dx = bx - ax;
    const dy = by - ay;
    const t = dx || dy ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy))) : 0;
    best = Math.min(best, Math.hypot(x - (ax + t * dx), y - (ay + t * dy)));
  }
  return best;
};

/** The inside point farthest from the edges, on a grid: where a number or a point fits best. */
function roomiestPoint(polygon: readonly Point[]): Point {
  const xs = polygon.map((p) => p[0]);
  const ys = polygon.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  let best: Point = [(minX + maxX) / 2, (minY + maxY) / 2];
  let room = -1;
  const steps = 24;
  for (let i = 1; i < steps; i++) {
    for (let j = 1; j < steps; j++) {
      const p: Point = [minX + ((maxX - minX) * i) / steps, minY + ((maxY - minY) * j) / steps];
      if (!insidePolygon(p, polygon)) continue;
      const r = distanceToEdges(p, polygon);
      if (r > room) {
        room = r;
        best = p;
      }
    }
  }
  return best;
}

function parseDiagram(id: Diagram, text: string): DiagramArt {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const svg = doc.documentElement;
  const [, , width = 400, height = 560] = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  const zones = [...doc.querySelectorAll('#zones path')].map((p): Zone => {
    const d = p.getAttribute('d') ?? '';
    const polygon = pairsOf(d);
    return { id: p.id, label: p.getAttribute('data-label') ?? p.id, d, polygon, inside: roomiestPoint(polygon) };
  });
  const lines = [...doc.querySelectorAll('#drawing path')].map((p) => ({ d: p.getAttribute('d') ?? '', faint: p.hasAttribute('opacity') }));
  return { id, title: svg.getAttribute('data-title') ?? diagramLabels[id], width, height, zones, lines };
}

const parsed = new Map<Diagram, DiagramArt>();

/** A diagram's zones and lines, read once from its SVG. */
export function diagramArt(id: Diagram): DiagramArt {
  let art = parsed.get(id);
  if (!art) {
    art = parseDiagram(id, sources[id]);
    parsed.set(id, art);
  }
  return art;
}

/** The zone under a point (in the diagram's own units), if any. */
export const zoneAt = (art: DiagramArt, point: Point): Zone | undefined => art.zones.find((z) => insidePolygon(point, z.polygon));
