import { DiagramPicture } from './DiagramPicture';
import { diagramLabels, diagrams } from './diagrams';
import { markDetails, placeOf, type AreaMark, type MapProduct } from './marks';
import './charting.css';

/**
 * The map as it prints on the session summary: each diagram that has marks, with numbered
 * points and shaded zones, then the numbered list of marks with what each one carried.
 */
export function BodyMapPrint({ marks, products = [] }: { marks: AreaMark[]; products?: MapProduct[] }) {
  if (marks.length === 0) return <p className="body-map-print">No areas were marked.</p>;
  const numbered = marks.map((mark, i) => ({ mark, number: i + 1 }));
  const used = diagrams.filter((d) => marks.some((m) => m.diagram === d));
  return (
    <section className="body-map-print" aria-label="Treated areas">
      <div className="body-map-print__figures">
        {used.map((d) => (
          <figure key={d}>
            <DiagramPicture diagram={d} marks={numbered} print />
            <figcaption>{diagramLabels[d]}</figcaption>
          </figure>
        ))}
      </div>
      <ol>
        {numbered.map(({ mark }) => {
          const details = markDetails(mark, products);
          return (
            <li key={mark.id}>
              <strong>{mark.label}</strong> ({placeOf(mark)}){details.length > 0 && <> — {details.join('; ')}</>}
            </li>
          );
        })}
      </ol>
      <p className="body-map-print__note">Left and right are the patient&rsquo;s own.</p>
    </section>
  );
}
