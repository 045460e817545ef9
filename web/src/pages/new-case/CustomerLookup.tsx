/**
 * Step one of a new case: find the customer by phone, e-mail, name or
 * Customer ID before creating anything, so nobody is entered twice.
 */
import { useState, type FormEvent } from 'react';
import { getCustomer, findCustomers } from '../../api/customers';
import type { Customer } from '../../api/types';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/fields';
import { isNotFound } from '../../lib/errors';
import { parseCustomerLookup, type CustomerLookupQuery } from '../../lib/search-query';
import { CustomerMatch } from './CustomerMatch';

interface Props {
  /** What the box holds at first (a caller's number from the phone panel). */
  initialTerm?: string;
  allDepartments: boolean;
  pickedNo: number | null;
  onPick: (customer: Customer) => void;
  /** Nobody matched: the page offers a new customer, filled in from what was typed. */
  onNoMatch: (query: CustomerLookupQuery) => void;
}

interface Result {
  searchedFor: string;
  customers: Customer[];
}

const KIND_WORDS: Record<CustomerLookupQuery['kind'], string> = {
  none: '', customerNo: 'Customer ID', email: 'e-mail', phone: 'phone', name: 'name',
};

export function CustomerLookup(
  { initialTerm = '', allDepartments, pickedNo, onPick, onNoMatch }: Props,
) {
  const [term, setTerm] = useState(initialTerm);
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const query = parseCustomerLookup(term);
    if (query.kind === 'none') return;
    setBusy(true);
    setError(null);
    try {
      const customers = await lookUp(query);
      setResult({ searchedFor: `${KIND_WORDS[query.kind]} ${term.trim()}`, customers });
      if (customers.length === 0) onNoMatch(query);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="lookup">
      <form role="search" className="search-form" onSubmit={submit}>
        <TextField
          label="Find customer" type="search" value={term} onValueChange={setTerm}
          spellCheck={false} hint="Phone, e-mail, name or Customer ID (C42)"
        />
        <div className="search-buttons">
          <button type="submit" disabled={busy}>{busy ? 'Looking…' : 'Look up'}</button>
        </div>
      </form>
      <FormError error={error} />
      {result && (
        <div className="lookup-result" role="status">
          <p>
            {result.customers.length === 0
              ? `No customer found by ${result.searchedFor}.`
              : `${result.customers.length} found by ${result.searchedFor}:`}
          </p>
        </div>
      )}
      {result && result.customers.length > 0 && (
        <ul className="matches">
          {result.customers.map((customer) => (
            <CustomerMatch
              key={customer.customerNo} customer={customer} allDepartments={allDepartments}
              picked={customer.customerNo === pickedNo} onPick={onPick}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

async function lookUp(query: CustomerLookupQuery): Promise<Customer[]> {
  switch (query.kind) {
    case 'none': return [];
    case 'customerNo':
      try {
        return [await getCustomer(query.customerNo)];
      } catch (err) {
        if (isNotFound(err)) return [];
        throw err;
      }
    case 'email': return (await findCustomers({ email: query.email })).items;
    case 'phone': return (await findCustomers({ phone: query.phone })).items;
    case 'name': return (await findCustomers({ q: query.q })).items;
  }
}
