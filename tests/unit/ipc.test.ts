import { describe, expect, it } from 'vitest';
import { createIpcHandler, isTrustedSender } from '../../electron/ipc';
import { testHost, withStaff, ADMIN_PASSWORD } from '../support/host';

const fromApp = (id = 1) => ({ sender: { id }, senderFrame: { url: 'app://skinchart/index.html#/patients/1' } });

describe('the desktop IPC adapter', () => {
  it('trusts only frames of the app itself', () => {
    expect(isTrustedSender(fromApp())).toBe(true);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://skinchart.evil/x', 'not a url']) {
      expect(isTrustedSender({ sender: { id: 1 }, senderFrame: { url } })).toBe(false);
    }
    expect(isTrustedSender({ sender: { id: 1 }, senderFrame: null })).toBe(false);
  });

  it('keeps the sign-in in the main process, one per window, and never hands the token over', async () => {
    const host = testHost();
    await withStaff(host);
    const handle = createIpcHandler(host.dispatch);
    const login = (await handle(fromApp(1), 'auth.login', { username: 'ada', password: ADMIN_PASSWORD })) as { ok: boolean; value: { token: string } };
    expect(login.ok).toBe(true);
    expect(login.value.token).toBe('');
    expect(await handle(fromApp(1), 'auth.me', {})).toMatchObject({ ok: true, value: { user: { username: 'ada' } } });
    expect(await handle(fromApp(2), 'auth.me', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await handle({ sender: { id: 1 }, senderFrame: { url: 'https://evil.example/' } }, 'auth.me', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await handle(fromApp(1), 'shell.exec', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
