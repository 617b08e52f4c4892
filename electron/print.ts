// Saving a printed sheet as a PDF in the desktop app. Electron's parts (printToPDF, the save
// dialog) are passed in, so this logic runs, and is tested, without Electron.

export const SAVE_PDF_CHANNEL = 'clinic:savePdf';

export type PaperSize = 'A4' | 'Letter';

export interface SavePdfRequest {
  fileName: string;
  paper: PaperSize;
}

export interface PdfOptions {
  pageSize: PaperSize;
  printBackground: boolean;
  preferCSSPageSize: boolean;
  displayHeaderFooter: boolean;
}

/** What saving needs from the host: print the sender's page, ask where, write the file. */
export interface PdfPort {
  printToPDF(options: PdfOptions): Promise<Uint8Array>;
  chooseFile(suggestedName: string): Promise<string | null>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
}

export type SavePdfAnswer = { ok: true; value: { saved: boolean; path?: string } } | { ok: false; error: { code: 'invalid_input' | 'internal'; message: string } };

/** The page's own @page rules (size, margins, running headers) decide the layout; the size is the fallback. */
export const pdfOptionsFor = (paper: PaperSize): PdfOptions => ({ pageSize: paper, printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false });

/** A plain file name ending in .pdf: no folders, no characters a file system refuses. */
export const safePdfName = (name: string): string => {
  const base = name
    .replace(/\.pdf$/i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[.-]+|-+$/g, '')
    .slice(0, 120);
  return `${base || 'consent'}.pdf`;
};

export const parseSavePdfRequest = (value: unknown): SavePdfRequest | null => {
  if (!value || typeof value !== 'object') return null;
  const { fileName, paper } = value as Record<string, unknown>;
  if (typeof fileName !== 'string' || fileName.length > 300) return null;
  if (paper !== 'A4' && paper !== 'Letter') return null;
  return { fileName, paper };
};

export async function savePdf(request: unknown, port: PdfPort): Promise<SavePdfAnswer> {
  const parsed = parseSavePdfRequest(request);
  if (!parsed) return { ok: false, error: { code: 'invalid_input', message: 'fileName and paper (A4 or Letter) are required' } };
  try {
    const pdf = await port.printToPDF(pdfOptionsFor(parsed.paper));
    const path = await port.chooseFile(safePdfName(parsed.fileName));
    if (!path) return { ok: true, value: { saved: false } };
    await port.writeFile(path, pdf);
    return { ok: true, value: { saved: true, path } };
  } catch (e) {
    return { ok: false, error: { code: 'internal', message: `The PDF could not be saved: ${e instanceof Error ? e.message : String(e)}` } };
  }
}
