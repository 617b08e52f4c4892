// The face and body diagrams. Their one source is resources/diagrams/*.svg (shipped with the app);
// the renderer bundles the same files as text and reads their zones and lines from them.
import type { Diagram } from '../../db/rules/body-map';
import bodyBack from '../../resources/diagrams/body_back.svg?raw';
import bodyFront from '../../resources/diagrams/body_front.svg?raw';
import faceFront from '../../resources/diagrams/face_front.svg?raw';
import faceLeft from '../../resources/diagrams/face_left.svg?raw';
import faceRight from '../../resources/diagrams/face_right.svg?raw';
import { insidePolygon, pairsOf, roomiestPoint, type Point } from './geometry';

export type { Diagram, Point };
export { diagrams } from '../../db/rules/body-map';

export const diagramLabels: Record<Diagram, string> = {
  face_front: 'Face, front',
  face_left: 'Face, left side',
  face_right: 'Face, right side',
  body_front: 'Body, front',
  body_back: 'Body, back',
};

const sources: Record<Diagram, string> = { face_front: faceFront, face_left: faceLeft, face_right: faceRight, body_front: bodyFront, body_back: bodyBack };

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
