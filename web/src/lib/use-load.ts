/**
 * Loads data for a page and reloads it when its inputs change. A newer load
 * aborts the older one, so a slow answer can never overwrite a fresh one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /**
   * Replaces the data after a change the page made itself (e.g. a PATCH answer),
   * or updates it from what it is now (a live event).
   */
  setData: (data: T | ((now: T | undefined) => T | undefined)) => void;
}

export function useLoad<T>(
  load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[],
): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    loadRef.current(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setLoading(false);
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => controller.abort();
    // The caller's deps decide when to load again; `load` itself changes every render.
  }, [...deps, round]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { data, error, loading, reload, setData };
}
