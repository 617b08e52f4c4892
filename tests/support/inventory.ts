import type { Product } from '../../db/api/products';
import type { Refused, TestHost } from './host';
import { testHost, withStaff, type Staff } from './host';

export interface Clinic extends Staff {
  host: TestHost;
  patientId: number;
  catalogue: Product[];
  /** A starter product by its exact name. */
  product(name: string): Product;
  count(table: string): number;
}

export const GLUTATHIONE_IV = 'Glutathione (reduced) for IV infusion';
export const NUMBING_CREAM = 'Lidocaine / prilocaine numbing cream';

/** A set-up clinic with the starter catalogue, one patient, and a signed-in user of each role. */
export async function inventoryClinic(): Promise<Clinic> {
  const host = testHost();
  const staff = await withStaff(host);
  const patient = await host.call('patients.create', { firstName: 'Marisol', lastName: 'Núñez', dateOfBirth: '1988-03-14', phone: '+1 555 201 3344', email: 'marisol@example.com' }, staff.frontDesk);
  const catalogue = (await host.call('products.list', {}, staff.admin)).items;
  return {
    ...staff,
    host,
    patientId: patient.id,
    catalogue,
    product: (name) => {
      const p = catalogue.find((c) => c.name === name);
      if (!p) throw new Error(`no starter product named ${name}`);
      return p;
    },
    count: (table) => (host.db.sql.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
  };
}

/** The field a refusal names. */
export const fieldOf = (r: Refused): string | undefined => (r.details as { issues?: { path: string }[] } | undefined)?.issues?.[0]?.path;
