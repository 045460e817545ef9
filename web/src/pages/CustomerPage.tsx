/** A customer's profile, editable, and every case of theirs staff may list. */
import { useEffect, useRef, useState } from 'react';
import { getCustomer } from '../api/customers';
import type { Customer } from '../api/types';
import { CaseListView } from '../components/CaseListView';
import { CustomerDetails } from '../components/CustomerDetails';
import { LoadError, Loading } from '../components/LoadState';
import { customerIdLabel, displayName } from '../lib/format';
import { useCaseList } from '../lib/use-case-list';
import { useLoad } from '../lib/use-load';
import { useTitle } from '../lib/use-title';
import { useSession } from '../session';
import { CustomerEditForm } from './customer/CustomerEditForm';

export function CustomerPage({ customerNo }: { customerNo: number }) {
  const { me } = useSession();
  const loaded = useLoad((signal) => getCustomer(customerNo, signal), [customerNo]);
  // Supervisors may list across departments; agents see their department's cases.
  const cases = useCaseList({
    customerNo, status: 'all', ...(me.supervisor && { department: 'all' as const }),
  });
  const customer = loaded.data;
  const label = customerIdLabel(customerNo);
  useTitle(customer ? `${displayName(customer.name)} (${label})` : `Customer ${label}`);

  return (
    <section className="page">
      <h1>
        Customer {label}
        {customer?.name && <>: <bdi>{customer.name}</bdi></>}
      </h1>
      {loaded.error ? <LoadError error={loaded.error} retry={loaded.reload} />
        : !customer ? <Loading what="Loading the customer" />
          : <Profile customer={customer} onSaved={loaded.setData} />}

      <section aria-labelledby="customer-cases">
        <h2 id="customer-cases">Cases</h2>
        <CaseListView list={cases} caption={`Cases of customer ${label}`} showCustomer={false}
          empty={me.supervisor ? 'No cases.' : 'No cases in your department.'} />
      </section>
    </section>
  );
}

function Profile({ customer, onSaved }: { customer: Customer; onSaved: (c: Customer) => void }) {
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  // Closing the form removes the focused control; return focus to "Edit customer".
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  return (
    <section className="panel" aria-labelledby="customer-details-heading">
      <h2 id="customer-details-heading">Details</h2>
      {editing ? (
        <CustomerEditForm customer={customer} onCancel={() => setEditing(false)}
          onSaved={(saved) => { onSaved(saved); setEditing(false); }} />
      ) : (
        <>
          <CustomerDetails customer={customer} />
          <button type="button" ref={editButton} onClick={() => setEditing(true)}>
            Edit customer
          </button>
        </>
      )}
    </section>
  );
}
