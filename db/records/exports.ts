import { treatmentLabels } from '../api/fields';
import { toCsv } from '../csv';
import { prepared } from '../prepared';
import { localDateOf } from '../rules/schedule';
import { dayAppointments, timeOf } from './appointments';
import { handlers } from './registry';

const statusLabel = { booked: 'Booked', checked_in: 'Checked in', cancelled: 'Cancelled', completed: 'Completed', no_show: 'Did not attend' } as const;

interface PatientRow {
  chartNumber: string;
  lastName: string;
  firstName: string;
  dateOfBirth: string;
  sex: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  flags: string;
  createdAt: string;
  archivedAt: string | null;
  archivedReason: string | null;
}

export const exportHandlers = handlers({
  'exports.patients': (ctx, input) => {
    const rows = prepared(
      ctx.sql,
      `SELECT chart_number AS chartNumber, last_name AS lastName, first_name AS firstName, date_of_birth AS dateOfBirth, sex,
              phone, email, address, flags, created_at AS createdAt, archived_at AS archivedAt, archived_reason AS archivedReason
       FROM patients WHERE ? OR archived_at IS NULL ORDER BY chart_number`,
    ).all(input.includeArchived ? 1 : 0) as PatientRow[];
    const csv = toCsv(
      ['Chart number', 'Last name', 'First name', 'Date of birth', 'Sex', 'Phone', 'E-mail', 'Address', 'Safety flags', 'Registered on', 'Archived on', 'Archive reason'],
      rows.map((r) => [
        r.chartNumber,
        r.lastName,
        r.firstName,
        r.dateOfBirth,
        r.sex,
        r.phone,
        r.email,
        r.address,
        (JSON.parse(r.flags) as string[]).join('; '),
        localDateOf(new Date(r.createdAt)),
        r.archivedAt && localDateOf(new Date(r.archivedAt)),
        r.archivedReason,
      ]),
    );
    ctx.audit({ action: 'exports.patients', entity: 'export', entityId: 'patients', change: { includeArchived: input.includeArchived ?? false, rows: rows.length } });
    return { fileName: `patients-${localDateOf(ctx.now)}.csv`, csv, rows: rows.length };
  },

  'exports.schedule': (ctx, input) => {
    const items = dayAppointments(ctx, input);
    const csv = toCsv(
      ['Date', 'Start', 'End', 'Patient', 'Chart number', 'Date of birth', 'Phone', 'Treatment', 'Practitioner', 'Room', 'Status', 'Checked in at', 'Missing before treatment', 'Cancel reason', 'Notes'],
      items.map((a) => [
        localDateOf(new Date(a.startsAt)),
        timeOf(a.startsAt),
        timeOf(a.endsAt),
        `${a.patient.lastName}, ${a.patient.firstName}`,
        a.patient.chartNumber,
        a.patient.dateOfBirth,
        a.patient.phone,
        treatmentLabels[a.treatmentType],
        a.practitionerName,
        a.room,
        statusLabel[a.status],
        a.checkedInAt && timeOf(a.checkedInAt),
        a.missing.map((m) => m.message).join('; '),
        a.cancelReason,
        a.notes,
      ]),
    );
    ctx.audit({ action: 'exports.schedule', entity: 'export', entityId: input.date, change: { ...input, rows: items.length } });
    return { fileName: `schedule-${input.date}.csv`, csv, rows: items.length };
  },
});
