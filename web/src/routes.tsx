/**
 * The staff pages behind sign-in, by path. /login and /signup are handled by
 * App, and /portal/* by PortalApp.
 */
import { AccountPage } from './pages/admin/AccountPage';
import { DepartmentsPage } from './pages/admin/DepartmentsPage';
import { IncomingMailPage } from './pages/admin/IncomingMailPage';
import { OutboxPage } from './pages/admin/OutboxPage';
import { StaffPage } from './pages/admin/StaffPage';
import { TelephonyPage } from './pages/admin/TelephonyPage';
import { CasePage } from './pages/CasePage';
import { CustomerPage } from './pages/CustomerPage';
import { DeskPage } from './pages/DeskPage';
import { NewCasePage } from './pages/NewCasePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PasswordPage } from './pages/PasswordPage';
import { PhonePage } from './pages/PhonePage';
import { PrintPage } from './pages/PrintPage';
import { idOf, matchPath, useLocation } from './router';

export function SignedInRoutes({ path }: { path: string }) {
  const { search } = useLocation();
  if (path === '/' || path === '') return <DeskPage />;
  // A link from the phone panel fills the page in for its caller: a new caller, a fresh form.
  if (path === '/cases/new') return <NewCasePage key={search} />;
  if (path === '/phone') return <PhonePage />;
  if (path === '/account/password') return <PasswordPage />;

  const print = idOf(matchPath('/cases/:caseNo/print', path)?.caseNo);
  if (print !== null) return <PrintPage key={print} caseNo={print} />;
  const caseNo = idOf(matchPath('/cases/:caseNo', path)?.caseNo);
  if (caseNo !== null) return <CasePage key={caseNo} caseNo={caseNo} />;
  const customerNo = idOf(matchPath('/customers/:customerNo', path)?.customerNo);
  if (customerNo !== null) return <CustomerPage key={customerNo} customerNo={customerNo} />;

  if (path === '/admin/departments') return <DepartmentsPage />;
  if (path === '/admin/staff') return <StaffPage />;
  if (path === '/admin/account') return <AccountPage />;
  if (path === '/admin/outbox') return <OutboxPage />;
  if (path === '/admin/incoming-mail') return <IncomingMailPage />;
  if (path === '/admin/telephony') return <TelephonyPage />;
  return <NotFoundPage />;
}
