/** A customer's profile as a definition list: the case page's panel and the print page. */
import type { Customer } from '../api/types';
import { customerIdLabel, displayName } from '../lib/format';

interface Props {
  customer: Customer;
}

export function CustomerDetails({ customer }: Props) {
  return (
    <dl className="details" data-testid="customer-details">
      <dt>Name</dt>
      <dd dir="auto">{displayName(customer.name)}</dd>
      <dt>Customer ID</dt>
      <dd data-testid="customer-id">{customerIdLabel(customer.customerNo)}</dd>
      <dt>Phones</dt>
      <dd>
        <ValueList values={customer.phones.map((p) => p.raw)} empty="No phone" />
      </dd>
      <dt>E-mails</dt>
      <dd><ValueList values={customer.emails} empty="No e-mail" /></dd>
      <dt>Address</dt>
      <dd dir="auto" className="pre-wrap">{customer.address || <Muted text="No address" />}</dd>
      <dt>Note</dt>
      <dd dir="auto" className="pre-wrap">{customer.note || <Muted text="No note" />}</dd>
      {customer.externalRef && (
        <>
          <dt>External reference</dt>
          <dd dir="auto">{customer.externalRef}</dd>
        </>
      )}
    </dl>
  );
}

function ValueList({ values, empty }: { values: string[]; empty: string }) {
  if (values.length === 0) return <Muted text={empty} />;
  return (
    <ul className="plain-list">
      {values.map((value, i) => <li key={`${i}-${value}`} dir="auto">{value}</li>)}
    </ul>
  );
}

function Muted({ text }: { text: string }) {
  return <span className="muted">{text}</span>;
}
