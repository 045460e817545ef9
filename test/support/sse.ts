/** A Server-Sent Events client for tests: reads one stream over real HTTP on 127.0.0.1. */
import http from 'node:http';

export interface SseEvent { id: string | null; event: string; data: any }

export interface SseStream {
  events: SseEvent[];
  /** Resolves with the first event (seen or coming) that `match` accepts. */
  waitFor(match: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
}

export function openSse(
  url: string, headers: Record<string, string>,
): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const events: SseEvent[] = [];
    const waiters = new Set<() => void>();
    const req = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`SSE answered ${res.statusCode}`));
        res.resume();
        return;
      }
      res.setEncoding('utf8');
      const ended = new Promise<void>((done) => res.on('end', () => done()));
      let buffer = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields: Record<string, string> = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':') || !line.includes(':')) continue;
            const i = line.indexOf(':');
            fields[line.slice(0, i)] = line.slice(i + 1).trimStart();
          }
          if (fields.data === undefined) continue;
          events.push({ id: fields.id ?? null, event: fields.event ?? 'message',
            data: JSON.parse(fields.data) });
          for (const wake of [...waiters]) wake();
        }
      });
      resolve({
        events,
        waitFor(match, timeoutMs = 5000) {
          return new Promise((ok, fail) => {
            const check = () => {
              const found = events.find(match);
              if (!found) return;
              waiters.delete(check);
              clearTimeout(timer);
              ok(found);
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              const seen = JSON.stringify(events);
              fail(new Error(`no matching event in ${timeoutMs} ms; got ${seen}`));
            }, timeoutMs);
            waiters.add(check);
            check();
          });
        },
        close: () => req.destroy(),
        ended,
      });
    });
    req.on('error', (err) => { if (!req.destroyed) reject(err); });
  });
}
