/**
 * One customer found by the look-up, with their open cases, so staff can go
 * to an existing case instead of opening a duplicate.
 */
import type { Customer } from '../../api/types';
import { LoadError } from '../../components/LoadState';
import { customerIdLabel, displayName } from '../../lib/format';
import { useCaseList } from '../../lib/use-case-list';
import { Link } from '../../router';

interface Props {
  customer: Customer;
  /** Supervisors see open cases of every department, agents their own. */
  allDepartments: boolean;
  picked: boolean;
  onPick: (customer: Customer) => void;
}

const OPEN_CASES_SHOWN = 10;

export function CustomerMatch({ customer, allDepartments, picked, onPick }: Props) {
  const cases = useCaseList({
    customerNo: customer.customerNo, status: 'in_progress', limit: OPEN_CASES_SHOWN,
    ...(allDepartments && { department: 'all' as const }),
  });
  const name = displayName(customer.name);

  return (
    <li className={picked ? 'match match-picked' : 'match'} data-testid="customer-match"
      data-customer-no={customer.customerNo}>
      <h3>
        <bdi>{name}</bdi> <span className="muted">{customerIdLabel(customer.customerNo)}</span>
      </h3>
      <p className="match-contact">
        {[...customer.phones.map((p) => p.raw), ...customer.emails].map((value, i) => (
          <span key={`${i}-${value}`} dir="auto" className="chip">{value}</span>
        ))}
      </p>
      {cases.error ? <LoadError error={cases.error} /> : (
        <OpenCases loading={cases.loading} items={cases.items} more={cases.hasMore} />
      )}
      <div className="match-actions">
        <button type="button" onClick={() => onPick(customer)}>
          {picked ? 'Chosen for this case' : 'Use this customer'}
        </button>
        <Link to={`/customers/${customer.customerNo}`}>Customer page</Link>
      </div>
    </li>
  );
}

interface OpenCasesProps {
  loading: boolean;
  items: Array<{ caseNo: number; subject: string; department: { name: string } }>;
  more: boolean;
}

function OpenCases({ loading, items, more }: OpenCasesProps) {
  if (loading) return <p className="muted">Looking for open cases…</p>;
  if (items.length === 0) return <p className="muted">No open cases.</p>;
  return (
    <div className="match-cases">
      <p>Open cases — open one instead of creating a duplicate:</p>
      <ul>
        {items.map((c) => (
          <li key={c.caseNo}>
            <Link to={`/cases/${c.caseNo}`}>#{c.caseNo} <bdi>{c.subject}</bdi></Link>{' '}
            <span className="muted">(<bdi>{c.department.name}</bdi>)</span>
          </li>
        ))}
      </ul>
      {more && <p className="muted">More open cases are on the customer page.</p>}
    </div>
  );
}
