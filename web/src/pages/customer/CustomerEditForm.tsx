/**
 * Editing a customer (PATCH /customers/:customerNo). Every field is sent, so
 * an emptied field is cleared and the lists replace the stored ones.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { updateCustomer } from '../../api/customers';
import type { Customer } from '../../api/types';
import {
  CustomerFields, customerFieldNames, toCustomerInput, type CustomerDraft,
} from '../../components/CustomerFields';
import { FormError } from '../../components/FormError';
import { fieldErrorsOf } from '../../lib/errors';

interface Props {
  customer: Customer;
  onSaved: (customer: Customer) => void;
  onCancel: () => void;
}

function draftOf(customer: Customer): CustomerDraft {
  return {
    name: customer.name ?? '',
    phones: customer.phones.length > 0 ? customer.phones.map((p) => p.raw) : [''],
    emails: customer.emails.length > 0 ? [...customer.emails] : [''],
    address: customer.address ?? '',
    note: customer.note ?? '',
    externalRef: customer.externalRef ?? '',
  };
}

export function CustomerEditForm({ customer, onSaved, onCancel }: Props) {
  const [draft, setDraft] = useState(() => draftOf(customer));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = fieldErrorsOf(error);
  const form = useRef<HTMLFormElement>(null);

  // The "Edit customer" button that opened the form is gone; start at the first field.
  useEffect(() => form.current?.querySelector<HTMLElement>('input, textarea')?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSaved(await updateCustomer(customer.customerNo, toCustomerInput(draft)));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <form ref={form} className="form" onSubmit={submit} aria-label="Edit customer">
      <FormError error={error} shown={customerFieldNames('', draft)} />
      <CustomerFields value={draft} onChange={setDraft} fields={fields} prefix="" />
      <div className="form-actions">
        <button type="submit" disabled={busy}>{busy ? 'Saving…' : 'Save customer'}</button>
        <button type="button" className="button-secondary" onClick={onCancel}>Cancel</button>
      </div>
    </form>
  );
}
