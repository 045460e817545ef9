import { useEffect } from 'react';

/** Names the browser tab after the page, so history and tabs can be told apart. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title === '' ? 'Caseline' : `${title} · Caseline`;
  }, [title]);
}
