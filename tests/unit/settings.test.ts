import { describe, expect, it } from 'vitest';
import { refusal, testHost, withStaff } from '../support/host';

describe('clinic settings', () => {
  it('start from the clinic name given at setup and sensible defaults', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    expect(await host.call('settings.get', {}, staff.frontDesk)).toMatchObject({
      clinicName: 'Test Clinic',
      consentValidityMonths: 12,
      intakeValidityMonths: 12,
      idleLockMinutes: 5,
    });
  });

  it('an admin changes them; the change is audited; others are refused', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    const saved = await host.call('settings.update', { clinicAddress: '12 Rose Lane', idleLockMinutes: 10 }, staff.admin);
    expect(saved).toMatchObject({ clinicAddress: '12 Rose Lane', idleLockMinutes: 10, clinicName: 'Test Clinic' });
    expect((await host.call('auth.status', {}, null)).clinicName).toBe('Test Clinic');
    expect((await host.call('audit.query', { action: 'settings.update' }, staff.admin)).items).toHaveLength(1);
    expect((await refusal(host.call('settings.update', { idleLockMinutes: 1 }, staff.practitioner))).code).toBe('forbidden');
  });

  it('refuses a logo that is not an image, naming the field', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    const r = await refusal(host.call('settings.update', { logo: 'data:text/html;base64,PHNjcmlwdD4=' }, staff.admin));
    expect(r.message).toMatch(/logo: must be a PNG or JPEG image/);
  });
});
