/** The pages behind sign-in, by path. /login and /signup are handled by App. */
import { AccountPage } from './pages/admin/AccountPage';
import { DepartmentsPage } from './pages/admin/DepartmentsPage';
import { StaffPage } from './pages/admin/StaffPage';
import { CasePage } from './pages/CasePage';
import { CustomerPage } from './pages/CustomerPage';
import { DeskPage } from './pages/DeskPage';
import { NewCasePage } from './pages/NewCasePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PrintPage } from './pages/PrintPage';
import { matchPath } from './router';

/** A Case # or Customer ID from the path: digits only, as the server expects. */
function idOf(value: string | undefined): number | null {
  if (value === undefined || !/^\d{1,10}$/.test(value)) return null;
  const n = Number(value);
  return n > 0 && n <= 2_147_483_647 ? n : null;
}

export function SignedInRoutes({ path }: { path: string }) {
  if (path === '/' || path === '') return <DeskPage />;
  if (path === '/cases/new') return <NewCasePage />;

  const print = idOf(matchPath('/cases/:caseNo/print', path)?.caseNo);
  if (print !== null) return <PrintPage key={print} caseNo={print} />;
  const caseNo = idOf(matchPath('/cases/:caseNo', path)?.caseNo);
  if (caseNo !== null) return <CasePage key={caseNo} caseNo={caseNo} />;
  const customerNo = idOf(matchPath('/customers/:customerNo', path)?.customerNo);
  if (customerNo !== null) return <CustomerPage key={customerNo} customerNo={customerNo} />;

  if (path === '/admin/departments') return <DepartmentsPage />;
  if (path === '/admin/staff') return <StaffPage />;
  if (path === '/admin/account') return <AccountPage />;
  return <NotFoundPage />;
}
