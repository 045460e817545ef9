/** Live events for React components: listen while mounted (see api/live.ts). */
import { useEffect, useRef } from 'react';
import { subscribeLive, type LiveHandlers } from '../api/live';

/** A burst of case events (a message and its status change) reloads a page once. */
const COALESCE_MS = 150;

/**
 * Calls the latest `handlers` for each live event while the component is
 * mounted. `cases` adds those Case #s to the stream (a case page's own case).
 */
export function useLiveEvents(handlers: LiveHandlers, cases: readonly number[] = []): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  const key = cases.join(',');

  useEffect(() => subscribeLive({
    call: (call) => latest.current.call?.(call),
    case: (event) => latest.current.case?.(event),
    resync: () => latest.current.resync?.(),
  }, key === '' ? [] : key.split(',').map(Number)), [key]);
}

/**
 * Calls `onChange` shortly after a case changes (any case the member hears
 * of, or only `caseNo`), once per burst, and after the stream missed events.
 */
export function useCaseChanges(onChange: () => void, caseNo?: number): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  }, []);

  const changed = () => {
    if (timer.current !== null) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      latest.current();
    }, COALESCE_MS);
  };

  useLiveEvents({
    case: (event) => {
      if (caseNo === undefined || event.caseNo === caseNo) changed();
    },
    resync: changed,
  }, caseNo === undefined ? [] : [caseNo]);
}
