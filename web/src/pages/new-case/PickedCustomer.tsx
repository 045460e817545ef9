/** The existing customer chosen for a new case, shown back before creating it. */
import type { Customer } from '../../api/types';
import { customerIdLabel, displayName } from '../../lib/format';
import { Link } from '../../router';

export function PickedCustomer({ customer }: { customer: Customer | null }) {
  if (!customer) {
    return <p className="muted">Look the customer up above and choose “Use this customer”.</p>;
  }
  return (
    <div className="picked-customer" data-testid="picked-customer">
      <p>
        <bdi>{displayName(customer.name)}</bdi>{' '}
        <span className="muted">{customerIdLabel(customer.customerNo)}</span>{' '}
        <Link to={`/customers/${customer.customerNo}`}>Customer page</Link>
      </p>
      {customer.phones.length + customer.emails.length > 0 && (
        <p className="match-contact">
          {[...customer.phones.map((p) => p.raw), ...customer.emails].map((value, i) => (
            <span key={`${i}-${value}`} dir="auto" className="chip">{value}</span>
          ))}
        </p>
      )}
    </div>
  );
}
