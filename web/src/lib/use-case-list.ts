/**
 * A list of cases with "Load more": the first page reloads when the filter
 * changes, and further pages are appended using the server's nextCursor.
 */
import { useEffect, useState } from 'react';
import { listCases, type CaseFilter } from '../api/cases';
import type { CaseSummary } from '../api/types';
import { useLoad } from './use-load';

export interface CaseList {
  items: CaseSummary[];
  loading: boolean;
  error: unknown;
  hasMore: boolean;
  loadingMore: boolean;
  moreError: unknown;
  loadMore: () => Promise<void>;
  reload: () => void;
}

interface MorePages {
  key: string;
  items: CaseSummary[];
  cursor: string | null;
}

export function useCaseList(filter: CaseFilter, enabled = true): CaseList {
  const key = JSON.stringify(filter);
  const first = useLoad(
    (signal) => (enabled ? listCases(filter, signal) : Promise.resolve({ items: [] })),
    [key, enabled]);
  const [more, setMore] = useState<MorePages | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);

  // A fresh first page (new filter or reload) drops the pages appended to the old one.
  useEffect(() => {
    setMore(null);
    setMoreError(null);
  }, [first.data]);

  const appended = more?.key === key ? more : null;
  const cursor = appended ? appended.cursor : first.data?.nextCursor ?? null;
  const items = uniqueCases([...(first.data?.items ?? []), ...(appended?.items ?? [])]);

  async function loadMore(): Promise<void> {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await listCases({ ...filter, cursor });
      setMore((prev) => ({
        key,
        items: [...(prev?.key === key ? prev.items : []), ...page.items],
        cursor: page.nextCursor ?? null,
      }));
    } catch (err) {
      setMoreError(err);
    } finally {
      setLoadingMore(false);
    }
  }

  return {
    items, loading: first.loading, error: first.error, hasMore: cursor !== null,
    loadingMore, moreError, loadMore, reload: first.reload,
  };
}

/** A case touched between two pages can come back on the next one; show it once. */
function uniqueCases(cases: CaseSummary[]): CaseSummary[] {
  const seen = new Set<number>();
  return cases.filter((c) => (seen.has(c.caseNo) ? false : (seen.add(c.caseNo), true)));
}
