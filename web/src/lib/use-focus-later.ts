/**
 * Moves keyboard focus to an element that appears on the next render, e.g.
 * the Rename button that comes back when an inline form closes. Without it,
 * focus falls to the page's start whenever the focused control vanishes.
 */
import { useEffect, useState } from 'react';

export function useFocusLater(): (selector: string) => void {
  const [selector, setSelector] = useState<string | null>(null);
  useEffect(() => {
    if (selector === null) return;
    const target = document.querySelector<HTMLElement>(selector);
    if (target) {
      if (target.tabIndex < 0 && !target.hasAttribute('tabindex')) target.tabIndex = -1;
      target.focus();
    }
    setSelector(null);
  });
  return setSelector;
}
