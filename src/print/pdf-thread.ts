/**
 * The worker thread of pdf-renderer.ts: renders one case at a time and posts
 * the file back. Only data crosses the boundary; the fonts are parsed once per thread.
 */
import { parentPort } from 'node:worker_threads';
import type { PrintableCase } from '../domain/types.js';
import { renderCasePdf } from './case-pdf.js';

export interface PdfJob { id: number; printable: PrintableCase }
export type PdfAnswer = { id: number; pdf: Uint8Array } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('pdf-thread.ts runs only as a worker thread');

port.on('message', async ({ id, printable }: PdfJob) => {
  try {
    const pdf = await renderCasePdf(printable);
    const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    port.postMessage({ id, pdf: bytes } satisfies PdfAnswer);
  } catch (err) {
    port.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
