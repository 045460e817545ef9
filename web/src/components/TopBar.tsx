/**
 * Account and user, the main navigation, the member's own password and
 * sign-out. Admin links appear only for admins (GET /me tells); the server
 * refuses others anyway.
 */
import { Link, useLocation } from '../router';
import { useSession } from '../session';

interface NavItem {
  to: string;
  label: string;
}

const STAFF_LINKS: NavItem[] = [
  { to: '/', label: 'Desk' },
  { to: '/cases/new', label: 'New case' },
  { to: '/phone', label: 'Phone' },
];

const ADMIN_LINKS: NavItem[] = [
  { to: '/admin/departments', label: 'Departments' },
  { to: '/admin/staff', label: 'Staff' },
  { to: '/admin/account', label: 'Account settings' },
  { to: '/admin/outbox', label: 'Outbox' },
  { to: '/admin/incoming-mail', label: 'Incoming mail' },
  { to: '/admin/telephony', label: 'Telephony' },
];

const PASSWORD_PATH = '/account/password';

export function TopBar() {
  const { me, accountName, signOut } = useSession();
  const { path } = useLocation();
  const links = me.admin ? [...STAFF_LINKS, ...ADMIN_LINKS] : STAFF_LINKS;

  return (
    <header className="topbar">
      <div className="topbar-brand">
        <span className="product">Caseline</span>
        {accountName && <bdi className="account-name" data-testid="account-name">
          {accountName}</bdi>}
      </div>
      <nav aria-label="Main">
        <ul>
          {links.map((link) => (
            <li key={link.to}>
              <Link to={link.to} aria-current={path === link.to ? 'page' : undefined}>
                {link.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="topbar-user">
        <span>
          <bdi data-testid="user-name">{me.name}</bdi>
          <span className="muted"> · <bdi>{me.department.name}</bdi>
            {me.supervisor && ' · supervisor'}{me.admin && ' · admin'}</span>
        </span>
        <Link to={PASSWORD_PATH}
          aria-current={path === PASSWORD_PATH ? 'page' : undefined}>Change password</Link>
        <button type="button" className="button-secondary" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
    </header>
  );
}
