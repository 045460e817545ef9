/** A list of cases as a table: the desk, a customer's cases, look-up matches. */
import type { CaseSummary } from '../api/types';
import { customerIdLabel, displayName, formatDateTime } from '../lib/format';
import { Link } from '../router';
import { StatusBadge } from './badges';

interface Props {
  cases: CaseSummary[];
  caption: string;
  /** The customer's own page leaves out the customer column. */
  showCustomer?: boolean;
}

export function CaseTable({ cases, caption, showCustomer = true }: Props) {
  return (
    <div className="table-wrap">
      <table className="case-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Case #</th>
            <th scope="col">Subject</th>
            {showCustomer && <th scope="col">Customer</th>}
            <th scope="col">Status</th>
            <th scope="col">Department</th>
            <th scope="col">Last activity</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.caseNo} data-testid="case-row" data-case-no={c.caseNo}>
              <td><Link to={`/cases/${c.caseNo}`}>#{c.caseNo}</Link></td>
              <td dir="auto"><Link to={`/cases/${c.caseNo}`}>{c.subject}</Link></td>
              {showCustomer && <td><CustomerCell customer={c.customer} /></td>}
              <td><StatusBadge status={c.status} /></td>
              <td dir="auto">{c.department.name}</td>
              <td><time dateTime={c.updatedAt}>{formatDateTime(c.updatedAt)}</time></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CustomerCell({ customer }: { customer: CaseSummary['customer'] }) {
  if (!customer) return <span className="muted">No customer</span>;
  return (
    <>
      <bdi>{displayName(customer.name)}</bdi>{' '}
      <span className="muted">{customerIdLabel(customer.customerNo)}</span>
    </>
  );
}
