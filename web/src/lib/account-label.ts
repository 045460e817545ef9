/**
 * The account name in the top bar comes from GET /me, which names the member's
 * account for everyone (agents included), so nothing about the account is kept
 * in the browser for it: a name remembered from another sign-in could be the
 * wrong company's. The only thing remembered is the slug last used to sign in,
 * to pre-fill the sign-in form.
 */
const KEY = 'caseline.account';

/** What GET /me says about the account; a server that leaves it out gives no label. */
export interface AccountNaming {
  slug?: unknown;
  name?: unknown;
}

/** The account's name, else its slug, else '' (the top bar then shows no account). */
export function accountLabel(account: AccountNaming | null | undefined): string {
  for (const value of [account?.name, account?.slug]) {
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return '';
}

export function rememberSlug(slug: string): void {
  try {
    // Written without a name, which also drops a name an older version kept here.
    localStorage.setItem(KEY, JSON.stringify({ slug }));
  } catch {
    // Storage may be off (private mode); pre-filling the form is a convenience only.
  }
}

export function recallSlug(): string | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as { slug?: unknown } | null;
    return typeof value?.slug === 'string' ? value.slug : null;
  } catch {
    return null;
  }
}
