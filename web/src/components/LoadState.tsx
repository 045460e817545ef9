/** What a page shows while its data loads, or when loading failed. */
import { errorMessage, isNotFound } from '../lib/errors';

export function Loading({ what = 'Loading' }: { what?: string }) {
  return <p className="loading" role="status">{what}…</p>;
}

export function LoadError({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <div className="form-error" role="alert">
      <p>{isNotFound(error) ? 'Not found. It may not exist in this account.'
        : errorMessage(error)}</p>
      {retry && !isNotFound(error) && (
        <button type="button" className="button-secondary" onClick={retry}>Try again</button>
      )}
    </div>
  );
}
