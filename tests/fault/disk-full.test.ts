import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../db/audit-chain';
import { DISK_FULL_MESSAGE } from '../../electron/dispatch';
import { startWebServer } from '../../electron/web';
import { testHost, withStaff } from '../support/host';
import { api } from '../support/server';
import { tableDigests } from './support/snapshot';

// A full disk, simulated with SQLite's own page limit: every page the file would grow by is refused
// with SQLITE_FULL, exactly as when the disk has no room left.
const fillTheDisk = (sql: import('better-sqlite3-multiple-ciphers').Database, sparePages: number) =>
  sql.pragma(`max_page_count = ${(sql.pragma('page_count', { simple: true }) as number) + sparePages}`);

describe('a full disk', () => {
  it('refuses each write with a clear message and leaves no part of it behind, wherever it runs out', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    for (let i = 0; i < 5; i++) await host.call('patients.create', { firstName: `Before${i}`, lastName: 'Full', dateOfBirth: '1990-02-02' }, staff.frontDesk);
    fillTheDisk(host.db.sql, 4);

    // Keep writing while the disk fills: the room runs out at a different point of each command
    // (the patient row, its name keys, an index, the audit entry).
    let refused = 0;
    let version = 1;
    for (let i = 0; i < 60 && refused < 12; i++) {
      const before = tableDigests(host.db.sql);
      const { status, body } =
        i % 3 === 2
          ? await host.dispatch('patients.update', { id: 1, version, notes: 'n'.repeat(200 + i * 60) }, staff.frontDesk)
          : await host.dispatch('patients.create', { firstName: `Fill${i}`, lastName: 'Up', dateOfBirth: '1990-02-02', notes: 'x'.repeat(100 + i * 97) }, staff.frontDesk);
      if (body.ok) {
        if (i % 3 === 2) version = (body.value as { version: number }).version;
        continue;
      }
      refused++;
      expect({ status, code: body.error.code, message: body.error.message }).toEqual({ status: 500, code: 'internal', message: DISK_FULL_MESSAGE });
      expect(tableDigests(host.db.sql), `call ${i}: a refused write left something behind`).toEqual(before);
    }
    expect(refused).toBeGreaterThan(0);
    expect(verifyAuditChain(host.db.sql).ok).toBe(true);

    // Reading still works while the disk is full.
    expect((await host.call('patients.search', { query: 'before' }, staff.frontDesk)).items).toHaveLength(5);

    // Room made: writing works again and the file is sound.
    host.db.sql.pragma('max_page_count = 1073741823');
    await host.call('patients.create', { firstName: 'After', lastName: 'Room', dateOfBirth: '1990-02-02', notes: 'y'.repeat(4000) }, staff.frontDesk);
    expect(host.db.sql.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(verifyAuditChain(host.db.sql).ok).toBe(true);
  });

  it('reaches a browser as a 500 with the same words', async () => {
    const host = testHost();
    const staff = await withStaff(host);
    const server = await startWebServer({ host, rendererDir: host.dataDir, port: 0, hostname: '127.0.0.1' });
    try {
      fillTheDisk(host.db.sql, 0);
      const { status, body } = await api(server.url, 'patients.create', { firstName: 'No', lastName: 'Room', dateOfBirth: '1990-02-02', notes: 'z'.repeat(4000) }, staff.admin);
      expect(status).toBe(500);
      expect(body).toEqual({ ok: false, error: { code: 'internal', message: DISK_FULL_MESSAGE } });
    } finally {
      await server.close();
    }
  });
});
