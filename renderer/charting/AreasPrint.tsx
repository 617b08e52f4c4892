import type { SessionProduct } from '../../db/api/sessions';
import type { AreaMark } from '../../db/rules/body-map';
import { markDetails } from './AreasSection';

/**
 * The areas on paper: a list a reader (or screen reader) can follow. The printed face/body map
 * goes in the slot above the list when the diagrams are in use.
 */
export function AreasPrint({ marks, products }: { marks: AreaMark[]; products: readonly SessionProduct[] }) {
  return (
    <>
      <div className="chart-map-slot" />
      {marks.length === 0 ? (
        <p>None recorded.</p>
      ) : (
        <table className="chart-table" aria-label="Areas treated">
          <thead>
            <tr>
              <th>Area</th>
              <th>Product, amount, depth, passes</th>
            </tr>
          </thead>
          <tbody>
            {marks.map((m) => (
              <tr key={m.id}>
                <td>{m.label}</td>
                <td>{markDetails(m, products) || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
