/**
 * Case PDFs are laid out on a worker thread. Setting a case of thousands of
 * messages takes seconds of CPU; on the server's own thread that would stall
 * every other request for as long. One thread, started on the first PDF and
 * kept: PDFs queue behind each other, everything else goes on. A render that
 * runs past its time limit ends the thread; the next PDF starts a new one.
 */
import { Worker } from 'node:worker_threads';
import type { PrintableCase } from '../domain/types.js';
import type { PdfAnswer, PdfJob } from './pdf-thread.js';

export interface PdfRenderer {
  render(printable: PrintableCase): Promise<Buffer>;
  close(): Promise<void>;
}

interface Pending { resolve(pdf: Buffer): void; reject(err: Error): void; timer: NodeJS.Timeout }

function startThread(): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./pdf-thread.js', import.meta.url));
  }
  // Under tsx (tests, bench) the thread's entry is TypeScript too, and a worker
  // thread does not inherit tsx's loader: it registers it before importing.
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./pdf-thread.ts', import.meta.url).href);
  return new Worker(`import(${tsx}).then((t) => { t.register(); return import(${entry}); })`,
    { eval: true });
}

export function startPdfRenderer(options: { timeoutMs?: number } = {}): PdfRenderer {
  const timeoutMs = options.timeoutMs ?? 60_000;
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (err: Error) => {
    for (const [id, job] of pending) {
      clearTimeout(job.timer);
      pending.delete(id);
      job.reject(err);
    }
  };

  const thread = (): Worker => {
    if (worker) return worker;
    const w = startThread();
    w.on('message', (answer: PdfAnswer) => {
      const job = pending.get(answer.id);
      if (!job) return;
      pending.delete(answer.id);
      clearTimeout(job.timer);
      if ('error' in answer) job.reject(new Error(`PDF rendering failed: ${answer.error}`));
      else job.resolve(Buffer.from(answer.pdf.buffer, answer.pdf.byteOffset,
        answer.pdf.byteLength));
      if (pending.size === 0) w.unref();
    });
    w.on('error', (err) => failAll(err));
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      failAll(new Error(`PDF thread stopped (exit code ${code})`));
    });
    worker = w;
    return w;
  };

  return {
    render(printable) {
      const w = thread();
      const id = nextId++;
      return new Promise<Buffer>((resolve, reject) => {
        const timer = setTimeout(() => {
          if (!pending.has(id)) return;
          // A stuck render would hold up every PDF queued behind it.
          void w.terminate();
        }, timeoutMs);
        pending.set(id, { resolve, reject, timer });
        w.ref();
        w.postMessage({ id, printable } satisfies PdfJob);
      });
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
