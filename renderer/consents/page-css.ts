// The printed page: paper size, margins, and what repeats on every page (patient, form, page numbers).
export const papers = ['A4', 'Letter'] as const;
export type Paper = (typeof papers)[number];
export const paperLabel: Record<Paper, string> = { A4: 'A4', Letter: 'US Letter' };

const PAPER_KEY = 'skinchart.paper';

/** The paper this computer printed on last time (A4 until chosen). */
export const rememberedPaper = (): Paper => {
  const saved = localStorage.getItem(PAPER_KEY);
  return saved === 'Letter' ? 'Letter' : 'A4';
};
export const rememberPaper = (paper: Paper) => localStorage.setItem(PAPER_KEY, paper);

/** A CSS string literal: quotes, backslashes and control characters cannot end it early. */
export const cssString = (s: string): string =>
  `"${s
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')}"`;

export interface RunningText {
  /** Who the sheet is about: repeated at the top of every page. */
  patient: string;
  /** Which form and version. */
  form: string;
  /** The record's reference (consent number and hash, or "unsigned copy"). */
  reference: string;
}

export function pageCss(paper: Paper, text: RunningText): string {
  const box = 'font-family: Inter, system-ui, sans-serif; font-size: 8pt; color: #333;';
  return `@page {
  size: ${paper === 'A4' ? 'A4' : 'letter'} portrait;
  margin: 20mm 16mm 18mm 16mm;
  @top-left { content: ${cssString(text.patient)}; ${box} font-weight: 600; }
  @top-right { content: ${cssString(text.form)}; ${box} }
  @bottom-left { content: ${cssString(text.reference)}; ${box} }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); ${box} }
}`;
}
