/**
 * The account name in the top bar. API.md gives it to everyone only at
 * sign-up (and to admins via GET /account); sign-in knows the slug typed.
 * The last one seen is kept in localStorage so an agent still sees a name
 * the next time — falling back to the slug when nothing better is known.
 */
const KEY = 'caseline.account';

interface Remembered {
  slug: string;
  name: string | null;
}

export function rememberAccount(slug: string, name: string | null): void {
  const known = recallAccount();
  // Keep a known name when the same account signs in again by slug alone.
  const keepName = name ?? (known?.slug === slug ? known.name : null);
  try {
    localStorage.setItem(KEY, JSON.stringify({ slug, name: keepName }));
  } catch {
    // Storage may be off (private mode); the label is a convenience only.
  }
}

export function recallAccount(): Remembered | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Remembered>;
    if (typeof value.slug !== 'string') return null;
    return { slug: value.slug, name: typeof value.name === 'string' ? value.name : null };
  } catch {
    return null;
  }
}

export function accountLabel(): string {
  const known = recallAccount();
  return known ? known.name ?? known.slug : '';
}
