/** The first Tab stop of every page: jumps past the top bar to the page itself (#main). */
import type { MouseEvent } from 'react';

export function SkipLink() {
  return <a className="skip-link" href="#main" onClick={skipToMain}>Skip to content</a>;
}

/** Focus moves without changing the URL's hash, which the router does not track. */
function skipToMain(event: MouseEvent<HTMLAnchorElement>): void {
  event.preventDefault();
  document.getElementById('main')?.focus();
}
