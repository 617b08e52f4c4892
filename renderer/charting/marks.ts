import { areaMark, type AreaMark } from '../../db/rules/body-map';
import { diagramArt, diagramLabels, type Diagram, type Point } from './diagrams';

export type { AreaMark };

/** A product the map can attach to a mark, with the lots that may be used. */
export interface MapProduct {
  id: number;
  name: string;
  /** The product's unit (mL, mg, g…): the default unit of an amount. */
  unit?: string;
  lots: { id: number; lotNumber: string; expiresOn: string }[];
}

/** What a mark carries besides its place, as the treatment needs. */
export type MarkField = 'amount' | 'depthMm' | 'passes' | 'product';

export const MAX_MARKS = 300;

export const newMarkId = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `m${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

const round = (v: number) => Math.round(v * 10_000) / 10_000;

export function zoneMark(diagram: Diagram, zone: { id: string; label: string }): AreaMark {
  return { id: newMarkId(), diagram, kind: 'zone', zone: zone.id, label: zone.label };
}

/** A point at (x, y) in the diagram's units, stored as fractions of its size. */
export function pointMark(diagram: Diagram, [x, y]: Point, label: string): AreaMark {
  const art = diagramArt(diagram);
  return { id: newMarkId(), diagram, kind: 'point', x: round(Math.min(1, Math.max(0, x / art.width))), y: round(Math.min(1, Math.max(0, y / art.height))), label };
}

/** Where a mark's number sits on its diagram, in the diagram's units. */
export function markSpot(mark: AreaMark): Point | null {
  const art = diagramArt(mark.diagram);
  if (mark.kind === 'point') return mark.x !== undefined && mark.y !== undefined ? [mark.x * art.width, mark.y * art.height] : null;
  return art.zones.find((z) => z.id === mark.zone)?.inside ?? null;
}

const fmt = (n: number) => String(Math.round(n * 100) / 100);

/** The details of a mark in words, for the list, the printout and screen readers. */
export function markDetails(mark: AreaMark, products: readonly MapProduct[] = []): string[] {
  const parts: string[] = [];
  if (mark.productId !== undefined) {
    const product = products.find((p) => p.id === mark.productId);
    const lot = product?.lots.find((l) => l.id === mark.lotId);
    parts.push(`${product?.name ?? `product ${mark.productId}`}${lot ? `, lot ${lot.lotNumber}` : mark.lotId !== undefined ? `, lot ${mark.lotId}` : ''}`);
  }
  if (mark.amount !== undefined) parts.push(`${fmt(mark.amount)}${mark.unit ? ` ${mark.unit}` : ''}`);
  if (mark.depthMm !== undefined) parts.push(`depth ${fmt(mark.depthMm)} mm`);
  if (mark.passes !== undefined) parts.push(`${mark.passes} ${mark.passes === 1 ? 'pass' : 'passes'}`);
  if (mark.note) parts.push(mark.note);
  return parts;
}

export const placeOf = (mark: AreaMark): string => `${mark.kind === 'zone' ? 'shaded zone' : 'point'}, ${diagramLabels[mark.diagram].toLowerCase()}`;

/** Problems with one mark, by field, checked with the same schema the records use. */
export function markProblems(mark: AreaMark): Partial<Record<keyof AreaMark | 'mark', string>> {
  const checked = areaMark.safeParse(mark);
  if (checked.success) return {};
  const problems: Partial<Record<keyof AreaMark | 'mark', string>> = {};
  for (const issue of checked.error.issues) {
    const field = (issue.path[0] as keyof AreaMark | undefined) ?? 'mark';
    problems[field] ??= issue.message[0]!.toUpperCase() + issue.message.slice(1);
  }
  return problems;
}
