/**
 * The shell. /portal/* is the customer portal, a separate area with its own
 * sign-in and layout (PortalApp); everything else is the staff app, which
 * finds out who is signed in (GET /me), sends everyone else to /login
 * (sign-up stays open), and renders the top bar, the phone pop-up and the
 * current page.
 * Moving between pages puts keyboard focus on the new page's heading, as a
 * full page load would put the reader at the top.
 */
import {
  useCallback, useEffect, useMemo, useRef, useState, type ReactNode,
} from 'react';
import { getMe, logout } from './api/auth';
import { ApiError, setUnauthenticatedHandler } from './api/client';
import type { Me } from './api/types';
import { CallPops } from './components/CallPops';
import { LoadError, Loading } from './components/LoadState';
import { SkipLink } from './components/SkipLink';
import { TopBar } from './components/TopBar';
import { accountLabel, rememberSlug } from './lib/account-label';
import { LoginPage } from './pages/LoginPage';
import { SignupPage } from './pages/SignupPage';
import { isPortalPath, PortalApp } from './PortalApp';
import { navigate, safeNext, useLocation } from './router';
import { SignedInRoutes } from './routes';
import { SessionContext, type Session, type SignedIn } from './session';

const PUBLIC_PATHS = ['/login', '/signup'];

export function App() {
  const { path } = useLocation();
  useFocusOnNavigation(path);
  return isPortalPath(path) ? <PortalApp /> : <StaffApp />;
}

function StaffApp() {
  const { path, search } = useLocation();
  const isPublic = PUBLIC_PATHS.includes(path);
  // undefined while GET /me is on its way; null when nobody is signed in.
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [startError, setStartError] = useState<unknown>(null);
  const accountName = accountLabel(me?.account);

  useEffect(() => {
    setUnauthenticatedHandler(() => setMe(null));
    const controller = new AbortController();
    getMe(controller.signal).then(setMe, (err: unknown) => {
      if (controller.signal.aborted) return;
      if (err instanceof ApiError && err.status === 401) setMe(null);
      else setStartError(err);
    });
    return () => {
      controller.abort();
      setUnauthenticatedHandler(null);
    };
  }, []);

  useEffect(() => {
    if (me === null && !isPublic) {
      const here = path + search;
      navigate(here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`,
        { replace: true });
    } else if (me && path === '/login') {
      navigate(safeNext(search) ?? '/', { replace: true });
    }
  }, [me, isPublic, path, search]);

  const signedIn: SignedIn = useCallback((user, slug, account) => {
    rememberSlug(slug);
    setStartError(null);
    setMe(account ? { ...user, account } : user);
    if (account) return;
    // Sign-in answers with the member alone; GET /me adds the account for the top bar.
    // Applied only while the same member is signed in, so a late answer changes nobody.
    getMe().then((fresh) => setMe((now) => (now && now.id === fresh.id ? fresh : now)),
      () => undefined);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await logout();
    } catch {
      // The cookie may already be gone; signing out locally is still right.
    }
    navigate('/login');
    setMe(null);
  }, []);

  const accountRenamed = useCallback((account: { slug: string; name: string }) => {
    setMe((now) => (now?.account ? { ...now, account: { ...now.account, ...account } } : now));
  }, []);

  const session: Session | null = useMemo(
    () => (me ? { me, accountName, signOut, accountRenamed } : null),
    [me, accountName, signOut, accountRenamed]);

  let page: ReactNode;
  if (path === '/login') page = <LoginPage onSignedIn={signedIn} />;
  else if (path === '/signup') page = <SignupPage onSignedIn={signedIn} />;
  else if (session) page = <SignedInRoutes path={path} />;
  else if (startError) page = <StartFailed error={startError} />;
  else page = <Loading />;

  return (
    <SessionContext.Provider value={session}>
      <SkipLink />
      {session && !isPublic && <TopBar />}
      {session && !isPublic && <CallPops />}
      <main id="main" tabIndex={-1}>{page}</main>
    </SessionContext.Provider>
  );
}

function StartFailed({ error }: { error: unknown }) {
  return (
    <section className="page page-narrow">
      <h1>Caseline could not start</h1>
      <LoadError error={error} retry={() => window.location.reload()} />
    </section>
  );
}

function useFocusOnNavigation(path: string): void {
  const previous = useRef<string | null>(null);
  useEffect(() => {
    const before = previous.current;
    previous.current = path;
    if (before === null || before === path) return;
    window.scrollTo(0, 0);
    const heading = document.querySelector<HTMLElement>('main h1');
    if (!heading) return;
    // Headings are not focusable by default; -1 makes them focusable by script only.
    heading.tabIndex = -1;
    heading.focus();
  }, [path]);
}
