import type { Paper } from './page-css';

/** What the desktop app's preload offers for printing (absent in a browser). */
interface PrintBridge {
  savePdf(request: { fileName: string; paper: Paper }): Promise<{ ok: true; value: { saved: boolean; path?: string } } | { ok: false; error: { message: string } }>;
}

declare global {
  interface Window {
    clinicPrint?: PrintBridge;
  }
}

export const canWritePdfDirectly = (): boolean => !!window.clinicPrint;

/**
 * Saves the sheet on screen as a PDF. The desktop app writes the file itself (printToPDF and a
 * save dialog); a browser opens its print dialog, where "Save as PDF" is the destination.
 */
export async function saveAsPdf(fileName: string, paper: Paper): Promise<{ saved: boolean; path?: string | undefined; viaPrintDialog?: boolean }> {
  if (window.clinicPrint) {
    const answer = await window.clinicPrint.savePdf({ fileName, paper });
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value;
  }
  window.print();
  return { saved: false, viaPrintDialog: true };
}

/** A file name that says what the sheet is: consent-SC-000123-laser-v1-2026-03-02.pdf */
export const pdfFileName = (parts: (string | number)[]): string =>
  `${parts
    .map(String)
    .join('-')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')}.pdf`;
