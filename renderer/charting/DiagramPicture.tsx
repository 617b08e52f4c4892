import { useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { AreaMark } from './marks';
import { markSpot } from './marks';
import { diagramArt, type Diagram, type Point, type Zone } from './diagrams';

interface Props {
  diagram: Diagram;
  /** Every mark with its number in the whole list; only this diagram's are drawn. */
  marks: { mark: AreaMark; number: number }[];
  selected?: string | null;
  /** Tapping: a zone (by tap or by keyboard), or a spot on the picture. Without these the picture is static. */
  onZone?: (zone: Zone) => void;
  onSpot?: (point: Point) => void;
  onMark?: (mark: AreaMark) => void;
  /** A printout: black and grey only, no hover. */
  print?: boolean;
}

/** One diagram with its zones shaded and its points numbered. Interactive when given handlers. */
export function DiagramPicture({ diagram, marks, selected = null, onZone, onSpot, onMark, print = false }: Props) {
  const art = diagramArt(diagram);
  const svgRef = useRef<SVGSVGElement>(null);
  const zoneRefs = useRef<(SVGPathElement | null)[]>([]);
  const [focusIndex, setFocusIndex] = useState(0);
  const interactive = !!(onZone || onSpot);
  const here = marks.filter((m) => m.mark.diagram === diagram);
  const shaded = new Set(here.filter((m) => m.mark.kind === 'zone').map((m) => m.mark.zone));
  const selectedZone = here.find((m) => m.mark.id === selected && m.mark.kind === 'zone')?.mark.zone;
  const r = art.width * (print ? 0.045 : 0.032);

  const spotOf = (e: MouseEvent<SVGSVGElement>): Point | null => {
    const svg = svgRef.current;
    const ctm = svg?.getScreenCTM();
    if (!svg || !ctm) return null;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    return [p.x, p.y];
  };

  const onKey = (e: KeyboardEvent<SVGPathElement>, index: number) => {
    const move = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[e.key];
    if (move) {
      e.preventDefault();
      const next = (index + move + art.zones.length) % art.zones.length;
      setFocusIndex(next);
      zoneRefs.current[next]?.focus();
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onZone?.(art.zones[index]!);
    }
  };

  // Numbers of zone marks sit at the zone's roomiest point, side by side when a zone has several.
  const perZone = new Map<string, number>();
  const spots = here.map(({ mark, number }) => {
    const at = markSpot(mark);
    if (!at) return null;
    let offset = 0;
    if (mark.kind === 'zone') {
      const k = perZone.get(mark.zone!) ?? 0;
      perZone.set(mark.zone!, k + 1);
      offset = k * r * 2.2;
    }
    return { mark, number, x: at[0] + offset, y: at[1] };
  });

  return (
    <svg
      ref={svgRef}
      viewBox={`0 0 ${art.width} ${art.height}`}
      className={print ? 'diagram diagram--print' : interactive ? 'diagram diagram--live' : 'diagram'}
      role={interactive ? 'group' : 'img'}
      aria-label={interactive ? `${art.title} diagram` : `${art.title}, with ${here.length} numbered ${here.length === 1 ? 'mark' : 'marks'}`}
      onClick={interactive && onSpot ? (e) => { const p = spotOf(e); if (p) onSpot(p); } : undefined}
    >
      <g className="diagram__zones">
        {art.zones.map((z, i) => (
          <path
            key={z.id}
            ref={(el) => {
              zoneRefs.current[i] = el;
            }}
            d={z.d}
            data-zone={z.id}
            className={`diagram__zone${shaded.has(z.id) ? ' is-shaded' : ''}${selectedZone === z.id ? ' is-selected' : ''}`}
            {...(interactive
              ? {
                  role: 'button',
                  'aria-label': z.label,
                  'aria-pressed': shaded.has(z.id),
                  tabIndex: i === focusIndex ? 0 : -1,
                  onFocus: () => setFocusIndex(i),
                  onKeyDown: (e: KeyboardEvent<SVGPathElement>) => onKey(e, i),
                  onClick: onSpot ? undefined : () => onZone?.(z),
                }
              : { 'aria-hidden': true })}
          >
            {!interactive && <title>{z.label}</title>}
          </path>
        ))}
      </g>
      <g className="diagram__lines" aria-hidden="true">
        {art.lines.map((l, i) => (
          <path key={i} d={l.d} className={l.faint ? 'diagram__line diagram__line--faint' : 'diagram__line'} />
        ))}
      </g>
      <g className="diagram__marks" aria-hidden="true">
        {spots.map(
          (s) =>
            s && (
              <g
                key={s.mark.id}
                className={`diagram__mark diagram__mark--${s.mark.kind}${s.mark.id === selected ? ' is-selected' : ''}`}
                transform={`translate(${s.x} ${s.y})`}
                onClick={
                  onMark
                    ? (e) => {
                        e.stopPropagation();
                        onMark(s.mark);
                      }
                    : undefined
                }
              >
                <circle r={s.mark.kind === 'point' ? r : r * 0.85} />
                <text y={r * 0.38} fontSize={r * (s.number > 9 ? 0.9 : 1.1)} textAnchor="middle">
                  {s.number}
                </text>
              </g>
            ),
        )}
      </g>
    </svg>
  );
}
