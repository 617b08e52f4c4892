import type { SessionProduct } from '../../db/api/sessions';
import type { AreaMark } from '../../db/rules/body-map';
import { mapProductsOf } from './AreasMap';
import { BodyMapPrint } from './BodyMapPrint';

/** The areas on paper: each diagram with its numbered marks, then the numbered list. */
export function AreasPrint({ marks, products }: { marks: AreaMark[]; products: readonly SessionProduct[] }) {
  return marks.length === 0 ? <p>None recorded.</p> : <BodyMapPrint marks={marks} products={mapProductsOf(products)} />;
}
