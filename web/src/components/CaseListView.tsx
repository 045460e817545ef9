/** A loaded case list with its empty, error and "Load more" states. */
import type { CaseList } from '../lib/use-case-list';
import { CaseTable } from './CaseTable';
import { LoadError, Loading } from './LoadState';

interface Props {
  list: CaseList;
  caption: string;
  empty: string;
  showCustomer?: boolean;
}

export function CaseListView({ list, caption, empty, showCustomer }: Props) {
  if (list.error) return <LoadError error={list.error} retry={list.reload} />;
  if (list.loading && list.items.length === 0) return <Loading what="Loading cases" />;
  return (
    <div className="case-list" aria-busy={list.loading}>
      <p className="muted" role="status" data-testid="case-count">
        {list.items.length === 0 ? empty : countText(list.items.length, list.hasMore)}
      </p>
      {list.items.length > 0 && (
        <CaseTable cases={list.items} caption={caption} showCustomer={showCustomer ?? true} />
      )}
      {list.moreError != null && <LoadError error={list.moreError} />}
      {list.hasMore && (
        <button
          type="button" className="button-secondary" disabled={list.loadingMore}
          onClick={() => void list.loadMore()}
        >
          {list.loadingMore ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}

function countText(count: number, more: boolean): string {
  const noun = count === 1 ? 'case' : 'cases';
  return more ? `Showing the first ${count} ${noun}` : `${count} ${noun}`;
}
