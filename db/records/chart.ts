import type { TimelineSession } from '../api/chart';
import type { PatientFlag } from '../api/fields';
import { prepared } from '../prepared';
import { loadPatient, toPatient } from './patients';
import { handlers } from './registry';

type SessionRow = Omit<TimelineSession, 'products'>;
type ProductRow = TimelineSession['products'][number] & { sessionId: number };

// The SQL of the chart, exported so a test can check each plan reads through an index.
export const chartSql = {
  sessions: `SELECT s.id, s.treatment_type AS treatmentType, s.status, s.performed_at AS performedAt, u.name AS practitionerName,
              s.signed_at AS signedAt,
              (SELECT count(*) FROM session_photos ph WHERE ph.session_id = s.id) AS photoCount,
              (SELECT count(*) FROM session_addenda a WHERE a.session_id = s.id) AS addendumCount
       FROM treatment_sessions s LEFT JOIN users u ON u.id = s.practitioner_id
       WHERE s.patient_id = ? AND (s.performed_at < ? OR (s.performed_at = ? AND s.id < ?))
       ORDER BY s.performed_at DESC, s.id DESC LIMIT ?`,
  // In index order (session, then the order products were added): no sort step.
  products: `SELECT sp.session_id AS sessionId, sp.lot_id AS lotId, l.lot_number AS lotNumber, p.name AS productName,
                  sp.quantity, p.unit, sp.area
           FROM session_products sp JOIN lots l ON l.id = sp.lot_id JOIN products p ON p.id = l.product_id
           WHERE sp.session_id IN (SELECT value FROM json_each(?))
           ORDER BY sp.session_id, sp.id`,
  consents: `SELECT c.id, c.treatment_type AS treatmentType, t.version AS templateVersion, c.signed_at AS signedAt, c.voided_at AS voidedAt
       FROM consents c JOIN consent_templates t ON t.id = c.template_id
       WHERE c.patient_id = ? ORDER BY c.signed_at DESC`,
  intakes: `SELECT i.id, i.submitted_at AS submittedAt, q.version AS questionnaireVersion, i.flags
         FROM intakes i JOIN questionnaires q ON q.id = i.questionnaire_id
         WHERE i.patient_id = ? ORDER BY i.submitted_at DESC`,
};

// The chart a practitioner opens: the patient, then sessions newest first with the products (by lot)
// used in each, and every consent and intake. Indexed queries, whatever the chart's size.
export const chartHandlers = handlers({
  'patients.chart': (ctx, input) => {
    const patient = toPatient(loadPatient(ctx, input.patientId));
    const limit = input.limit ?? 200;
    const [beforeAt, beforeId] = input.cursor ? input.cursor.split('|') : ['9999', '0'];
    const sessions = prepared(ctx.sql, chartSql.sessions).all(patient.id, beforeAt, beforeAt, input.cursor ? Number(beforeId) : 0, limit + 1) as SessionRow[];
    const more = sessions.length > limit;
    if (more) sessions.pop();
    const last = sessions.at(-1);
    const products = sessions.length
      ? (prepared(ctx.sql, chartSql.products).all(JSON.stringify(sessions.map((s) => s.id))) as ProductRow[])
      : [];
    const bySession = new Map<number, TimelineSession['products']>();
    for (const { sessionId, ...p } of products) {
      const list = bySession.get(sessionId);
      if (list) list.push(p);
      else bySession.set(sessionId, [p]);
    }
    const consents = prepared(ctx.sql, chartSql.consents).all(patient.id) as { id: number; treatmentType: string; templateVersion: number; signedAt: string; voidedAt: string | null }[];
    const intakes = (
      prepared(ctx.sql, chartSql.intakes).all(patient.id) as { id: number; submittedAt: string; questionnaireVersion: number; flags: string }[]
    ).map((i) => ({ ...i, flags: JSON.parse(i.flags) as PatientFlag[] }));
    ctx.audit({ action: 'patients.chart', entity: 'patient', entityId: patient.id, patientId: patient.id });
    return {
      patient,
      sessions: sessions.map((s) => ({ ...s, products: bySession.get(s.id) ?? [] })),
      nextCursor: more && last ? `${last.performedAt}|${last.id}` : null,
      consents,
      intakes,
    };
  },
});
