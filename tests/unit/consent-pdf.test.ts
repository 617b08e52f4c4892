import { describe, expect, it } from 'vitest';
import { pdfOptionsFor, safePdfName, savePdf, type PdfOptions, type PdfPort } from '../../electron/print';

const port = (chosen: string | null, fail?: Error) => {
  const calls: { printed?: PdfOptions; suggested?: string; written?: [string, Uint8Array] } = {};
  const p: PdfPort = {
    printToPDF: async (o) => {
      calls.printed = o;
      if (fail) throw fail;
      return new Uint8Array([37, 80, 68, 70]);
    },
    chooseFile: async (name) => {
      calls.suggested = name;
      return chosen;
    },
    writeFile: async (path, data) => {
      calls.written = [path, data];
    },
  };
  return { p, calls };
};

describe('saving a sheet as PDF in the desktop app', () => {
  it('prints with the page’s own size and margins, asks where, and writes the file', async () => {
    const { p, calls } = port('/home/clinic/Documents/consent.pdf');
    expect(await savePdf({ fileName: 'consent-SC-000001-laser-v1', paper: 'Letter' }, p)).toEqual({ ok: true, value: { saved: true, path: '/home/clinic/Documents/consent.pdf' } });
    expect(calls.printed).toEqual({ pageSize: 'Letter', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false });
    expect(calls.suggested).toBe('consent-SC-000001-laser-v1.pdf');
    expect(calls.written?.[1]).toEqual(new Uint8Array([37, 80, 68, 70]));
  });

  it('writes nothing when the user cancels the dialog', async () => {
    const { p, calls } = port(null);
    expect(await savePdf({ fileName: 'x.pdf', paper: 'A4' }, p)).toEqual({ ok: true, value: { saved: false } });
    expect(calls.written).toBeUndefined();
  });

  it('refuses a malformed request and reports a failed print plainly', async () => {
    expect(await savePdf({ fileName: 'x', paper: 'A3' }, port('/x').p)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await savePdf(null, port('/x').p)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await savePdf({ fileName: 'x', paper: 'A4' }, port('/x', new Error('printer gone')).p)).toMatchObject({ ok: false, error: { message: /printer gone/ } });
  });

  it.each([
    ['consent-SC-000001-laser-v1-2026-03-02', 'consent-SC-000001-laser-v1-2026-03-02.pdf'],
    ['../../etc/passwd', 'etc-passwd.pdf'],
    ['Núñez consent.PDF', 'N-ez-consent.pdf'],
    ['', 'consent.pdf'],
  ])('names %j as %j', (given, name) => expect(safePdfName(given)).toBe(name));

  it('A4 and US Letter', () => {
    expect(pdfOptionsFor('A4').pageSize).toBe('A4');
    expect(pdfOptionsFor('Letter').pageSize).toBe('Letter');
  });
});
