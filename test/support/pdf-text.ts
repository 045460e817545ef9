/**
 * Text out of a PDF, for tests that must prove a PDF does or does not show some words.
 *
 * pdfjs reads the text through each font's ToUnicode map (pdfkit writes one for every
 * embedded font), so it returns the characters that were typeset, not glyph ids. It runs
 * in this thread (pdfjs's "fake worker"); eval and font loading are off because only the
 * text is wanted.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfTextItem {
  /** 1-based page number. */
  page: number;
  str: string;
  /** Left edge and baseline in PDF points, origin at the page's bottom left. */
  x: number;
  y: number;
  width: number;
  pageWidth: number;
  pageHeight: number;
}

/** Every text item of every page, in content order. */
export async function pdfTextItems(buf: Buffer): Promise<PdfTextItem[]> {
  const task = getDocument({
    data: new Uint8Array(buf), // a copy: pdfjs may detach what it is given
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0, // errors only; pdfjs warns on stdout otherwise
  });
  try {
    const pdf = await task.promise;
    const items: PdfTextItem[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const [, , pageWidth, pageHeight] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      for (const item of content.items) {
        if (!('str' in item)) continue; // marked-content markers carry no text
        const [, , , , x, y] = item.transform as number[];
        items.push({
          page: n, str: item.str + (item.hasEOL ? '\n' : ''),
          x: x ?? 0, y: y ?? 0, width: item.width, pageWidth, pageHeight,
        });
      }
    }
    return items;
  } finally {
    await task.destroy();
  }
}

/**
 * All text of the PDF: one line per page, the items of a page joined with single spaces.
 * Line ends become spaces so that a phrase the PDF wrapped onto two lines still matches
 * `includes(phrase)`, which a "does not contain" assertion depends on. Compare with the
 * expected text's whitespace collapsed the same way (`s.replace(/\s+/g, ' ')`). A word
 * too long for one line is broken by the layout, and then holds a space here.
 */
export async function pdfText(buf: Buffer): Promise<string> {
  const pages: string[] = [];
  for (const item of await pdfTextItems(buf)) {
    pages[item.page - 1] = (pages[item.page - 1] ?? '') + item.str;
  }
  return Array.from(pages, (text) => (text ?? '').replace(/\s+/g, ' ').trim()).join('\n');
}
