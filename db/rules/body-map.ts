// Marks on the face and body diagrams (resources/diagrams/*.svg), stored with the session.
import { z } from 'zod';

export const diagrams = ['face_front', 'face_left', 'face_right', 'body_front', 'body_back'] as const;
export type Diagram = (typeof diagrams)[number];

const fraction = z.number({ error: 'must be a number from 0 to 1' }).min(0, { error: 'must be from 0 to 1' }).max(1, { error: 'must be from 0 to 1' });

/** A point (x, y as fractions of the diagram) or a shaded zone (a zone id of the diagram). */
export const areaMark = z
  .strictObject({
    id: z.string().min(1).max(40),
    diagram: z.enum(diagrams, { error: 'must be a known diagram' }),
    kind: z.enum(['point', 'zone'], { error: 'must be point or zone' }),
    x: fraction.optional(),
    y: fraction.optional(),
    zone: z.string().trim().min(1).max(60).optional(),
    /** The words staff and screen readers use for the place ("left cheek"). */
    label: z.string().trim().min(1, { error: 'is required' }).max(80),
    productId: z.int().positive().optional(),
    lotId: z.int().positive().optional(),
    amount: z.number().positive({ error: 'must be more than 0' }).max(1000).optional(),
    unit: z.string().trim().max(20).optional(),
    depthMm: z.number().min(0.1, { error: 'must be at least 0.1 mm' }).max(4, { error: 'must be at most 4 mm' }).optional(),
    passes: z.int().min(1).max(20).optional(),
    note: z.string().trim().max(300).optional(),
  })
  .refine((m) => (m.kind === 'point' ? m.x !== undefined && m.y !== undefined : m.zone !== undefined), {
    error: 'a point needs x and y; a zone needs its zone id',
  });
export type AreaMark = z.infer<typeof areaMark>;

export const areaMarks = z.array(areaMark).max(300, { error: 'must have at most 300 marks' });
