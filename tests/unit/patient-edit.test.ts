import { describe, expect, it } from 'vitest';
import { patientUpdateInput } from '../../db/api/patients';
import { editableFields } from '../../db/records/patients';
import { testHost, withStaff } from '../support/host';

describe('editing a patient with the prepared edit', () => {
  it('covers every field patients.update accepts', () => {
    const accepted = Object.keys(patientUpdateInput.shape).filter((k) => k !== 'id' && k !== 'version');
    expect([...editableFields].sort()).toEqual(accepted.sort());
  });

  it('changes what was sent, clears what was sent as null, and keeps the rest as it was', async () => {
    const host = testHost();
    const { frontDesk } = await withStaff(host);
    const p = await host.call(
      'patients.create',
      { firstName: 'Zoé', lastName: 'Lefèvre', dateOfBirth: '1990-04-01', sex: 'female', phone: '+44 7700 900123', email: 'zoe@example.org', fitzpatrick: 3, allergies: ['latex'], notes: 'Prefers mornings' },
      frontDesk,
    );
    const edited = await host.call('patients.update', { id: p.id, version: p.version, lastName: 'Lefèvre-Okafor', medications: ['cetirizine'], email: null, fitzpatrick: 4 }, frontDesk);
    expect(edited).toMatchObject({
      firstName: 'Zoé',
      lastName: 'Lefèvre-Okafor',
      dateOfBirth: '1990-04-01',
      sex: 'female',
      phone: '+44 7700 900123',
      email: null,
      fitzpatrick: 4,
      allergies: ['latex'],
      medications: ['cetirizine'],
      notes: 'Prefers mornings',
      version: 2,
    });
    expect(await host.call('patients.get', { id: p.id }, frontDesk)).toEqual(edited);
    const row = host.db.sql.prepare('SELECT allergies, medications, name_key, phone_digits FROM patients WHERE id = ?').get(p.id);
    expect(row).toEqual({ allergies: '["latex"]', medications: '["cetirizine"]', name_key: 'zoe|lefevre-okafor', phone_digits: '447700900123' });
    expect((await host.call('patients.search', { query: 'okafor' }, frontDesk)).items.map((x) => x.id)).toEqual([p.id]);
  });
});
