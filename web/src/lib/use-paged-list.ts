/**
 * A list read page by page with the server's cursor (`nextCursor`, newest first):
 * the first page loads with the page, `more()` appends the next, and an entry that
 * moved between pages while they were read is shown once.
 */
import { useState } from 'react';
import { useLoad, type Loaded } from './use-load';

export interface PagedList<T extends { id: number }> {
  /** The first load: its data holds every page read so far and the next cursor. */
  first: Loaded<{ items: T[]; cursor: string | null }>;
  /** Reads the next page and appends it; errors go to `moreError`. */
  more: () => Promise<void>;
  loadingMore: boolean;
  moreError: unknown;
}

export function usePagedList<T extends { id: number }>(
  fetchPage: (cursor: string | null, signal?: AbortSignal) =>
    Promise<{ items: T[]; nextCursor?: string | null }>,
): PagedList<T> {
  const first = useLoad(async (signal) => {
    const page = await fetchPage(null, signal);
    return { items: page.items, cursor: page.nextCursor ?? null };
  }, []);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);

  async function more() {
    const loaded = first.data;
    if (!loaded?.cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await fetchPage(loaded.cursor);
      const seen = new Set(loaded.items.map((m) => m.id));
      first.setData({ items: [...loaded.items, ...page.items.filter((m) => !seen.has(m.id))],
        cursor: page.nextCursor ?? null });
    } catch (err) {
      setMoreError(err);
    } finally {
      setLoadingMore(false);
    }
  }

  return { first, more, loadingMore, moreError };
}
