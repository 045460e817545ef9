/**
 * The customer portal: everything under /portal. Customers have no staff
 * login; they hold the portal cookie the server sets when they pair with a
 * case or use a sign-in link. The portal has its own plain header and never
 * shows the staff top bar or staff links. A 401 from any portal call means
 * the customer is not signed in (or no longer), so they go back to /portal.
 */
import { useCallback, useEffect } from 'react';
import { setUnauthenticatedHandler } from './api/client';
import { portalLogout } from './api/portal';
import { SkipLink } from './components/SkipLink';
import { useTitle } from './lib/use-title';
import { PortalCasePage } from './pages/portal/PortalCasePage';
import { PortalCasesPage } from './pages/portal/PortalCasesPage';
import { PortalLinkPage } from './pages/portal/PortalLinkPage';
import { PortalSignInPage } from './pages/portal/PortalSignInPage';
import { idOf, Link, matchPath, navigate, queryParam, useLocation } from './router';

export function isPortalPath(path: string): boolean {
  return path === '/portal' || path.startsWith('/portal/');
}

export function PortalApp() {
  const { path, search } = useLocation();
  const signedInArea = path === '/portal/cases' || path.startsWith('/portal/cases/');

  useEffect(() => {
    setUnauthenticatedHandler(() => navigate('/portal', { replace: true }));
    return () => setUnauthenticatedHandler(null);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await portalLogout();
    } catch {
      // The cookie may already be gone; leaving the signed-in pages is still right.
    }
    navigate('/portal');
  }, []);

  return (
    <>
      <SkipLink />
      <header className="portal-bar">
        <span className="product">Customer portal</span>
        {signedInArea && (
          <div className="portal-user">
            <nav aria-label="Portal">
              <Link to="/portal/cases"
                aria-current={path === '/portal/cases' ? 'page' : undefined}>
                Your cases
              </Link>
            </nav>
            <button type="button" className="button-secondary" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        <PortalRoutes path={path.replace(/\/+$/, '') || '/'} search={search} />
      </main>
    </>
  );
}

function PortalRoutes({ path, search }: { path: string; search: string }) {
  const token = queryParam(search, 'token') ?? '';
  if (path === '/portal') return <PortalSignInPage />;
  if (path === '/portal/pair') return <PortalLinkPage key={token} kind="pair" token={token} />;
  if (path === '/portal/session') {
    return <PortalLinkPage key={token} kind="session" token={token} />;
  }
  if (path === '/portal/cases') return <PortalCasesPage />;
  const caseNo = idOf(matchPath('/portal/cases/:caseNo', path)?.caseNo);
  if (caseNo !== null) return <PortalCasePage key={caseNo} caseNo={caseNo} />;
  return <PortalNotFound />;
}

function PortalNotFound() {
  useTitle('Page not found');
  return (
    <section className="page page-narrow">
      <h1>Page not found</h1>
      <p>There is no page at this address. <Link to="/portal">Go to the customer portal</Link></p>
    </section>
  );
}
