import { z } from 'zod';
import { adminOnly, command, staff } from './command';
import { dayInput } from './appointments';

/** A CSV file for the screen to save: its suggested name and its text. */
export const csvFile = z.object({ fileName: z.string(), csv: z.string(), rows: z.number() });
export type CsvFile = z.infer<typeof csvFile>;

export const exportCommands = [
  // The whole list leaves the clinic's records in one file, so only an admin may take it.
  command({
    name: 'exports.patients',
    kind: 'view',
    access: adminOnly,
    input: z.strictObject({ includeArchived: z.boolean({ error: 'must be true or false' }).optional() }),
    output: csvFile,
  }),
  command({ name: 'exports.schedule', kind: 'view', access: staff, input: dayInput, output: csvFile }),
] as const;
