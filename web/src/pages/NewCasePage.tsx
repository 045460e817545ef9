/**
 * Opening a case: look the customer up first (to reuse them and to spot an
 * open case that already covers the matter), then choose an existing
 * customer, enter a new one, or none; then subject, contact e-mail and the
 * first message with its visibility. Opened from the phone panel, the page
 * comes with the caller's customer chosen, or a new customer with the
 * caller's number, and the number in the look-up box.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { createCase, type NewCaseInput } from '../api/cases';
import { getCustomer } from '../api/customers';
import type { Customer, CustomerInput, Visibility } from '../api/types';
import {
  cleanList, CustomerFields, customerFieldNames, EMPTY_CUSTOMER, toCustomerInput,
  type CustomerDraft,
} from '../components/CustomerFields';
import { FormError } from '../components/FormError';
import { RadioGroup } from '../components/RadioGroup';
import { SelectField, TextAreaField, TextField } from '../components/fields';
import { VisibilityChoice } from '../components/VisibilityChoice';
import { ApiError } from '../api/client';
import { fieldErrorsOf } from '../lib/errors';
import type { CustomerLookupQuery } from '../lib/search-query';
import { useTitle } from '../lib/use-title';
import { navigate, useLocation } from '../router';
import { useSession } from '../session';
import { readCallerPrefill } from './new-case/caller-prefill';
import { CustomerLookup } from './new-case/CustomerLookup';
import { PickedCustomer } from './new-case/PickedCustomer';

type CustomerMode = 'existing' | 'new' | 'none';

/** A "new customer" with nothing typed would create an empty profile; ask instead. */
function isBlank(customer: CustomerInput): boolean {
  return !customer.name && !customer.phones?.length && !customer.emails?.length
    && !customer.address && !customer.note && !customer.externalRef;
}

/** The "no contact e-mail" choice; any other value is one of the customer's addresses. */
const NO_CONTACT = '';

export function NewCasePage() {
  useTitle('New case');
  const { me } = useSession();
  const { search } = useLocation();
  // The route remounts the page for another query, so reading it once is enough.
  const [caller] = useState(() => readCallerPrefill(search));
  const [callerError, setCallerError] = useState<unknown>(null);
  const [mode, setMode] = useState<CustomerMode>(caller.phone !== '' && !caller.customerNo
    ? 'new' : 'none');
  const [picked, setPicked] = useState<Customer | null>(null);
  const [draft, setDraft] = useState<CustomerDraft>(caller.customerNo ? EMPTY_CUSTOMER
    : { ...EMPTY_CUSTOMER, phones: [caller.phone] });
  const [subject, setSubject] = useState('');
  const [contactPick, setContactPick] = useState<string | undefined>(undefined);
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('private');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = fieldErrorsOf(error);

  const emails = mode === 'existing' ? picked?.emails ?? []
    : mode === 'new' ? cleanList(draft.emails) : [];
  // Until staff choose, the customer's first address is the contact, as the server does.
  const contact = contactPick === NO_CONTACT ? NO_CONTACT
    : contactPick !== undefined && emails.includes(contactPick) ? contactPick
      : emails[0] ?? NO_CONTACT;

  function pick(customer: Customer) {
    setPicked(customer);
    setMode('existing');
    setContactPick(undefined);
  }

  function prefillNew(query: CustomerLookupQuery) {
    setMode('new');
    setDraft({
      ...EMPTY_CUSTOMER,
      name: query.kind === 'name' ? query.q : '',
      phones: [query.kind === 'phone' ? query.phone : ''],
      emails: [query.kind === 'email' ? query.email : ''],
    });
  }

  useEffect(() => {
    if (caller.customerNo === null) return undefined;
    const controller = new AbortController();
    getCustomer(caller.customerNo, controller.signal).then(pick, (err: unknown) => {
      if (controller.signal.aborted) return;
      setCallerError(err);
      if (caller.phone !== '') prefillNew({ kind: 'phone', phone: caller.phone });
    });
    return () => controller.abort();
    // Once per page: the caller's customer is chosen on arrival, then staff decide.
  }, [caller]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input: NewCaseInput = { subject: subject.trim(), message: { body, visibility } };
    if (mode === 'existing' && picked) input.customerNo = picked.customerNo;
    if (mode === 'new') {
      const customer = toCustomerInput(draft);
      if (isBlank(customer)) {
        setError(new ApiError(400, 'validation_failed',
          'Enter the new customer\'s name, a phone or an e-mail, or choose “No customer”.',
          { 'customer.name': 'enter a name, phone or e-mail' }));
        return;
      }
      input.customer = customer;
    }
    if (emails.length > 0) input.contactEmail = contact === NO_CONTACT ? null : contact;
    setBusy(true);
    setError(null);
    try {
      const created = await createCase(input);
      navigate(`/cases/${created.caseNo}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const shown = ['subject', 'contactEmail', 'message.body', 'message.visibility', 'customerNo',
    ...customerFieldNames('customer.', draft)];

  return (
    <section className="page">
      <h1>New case</h1>
      <section className="panel" aria-labelledby="find-customer">
        <h2 id="find-customer">Find the customer</h2>
        <FormError error={callerError} />
        <CustomerLookup initialTerm={caller.phone}
          allDepartments={me.supervisor} pickedNo={mode === 'existing' ? picked?.customerNo ?? null
            : null} onPick={pick} onNoMatch={prefillNew}
        />
      </section>

      <form className="form panel" onSubmit={submit} aria-labelledby="case-details">
        <h2 id="case-details">Case details</h2>
        <FormError error={error} shown={shown} />
        <RadioGroup<CustomerMode>
          legend="Customer" value={mode} onChange={setMode} error={fields.customerNo}
          options={[
            { value: 'existing', label: 'Existing customer', disabled: !picked },
            { value: 'new', label: 'New customer' },
            { value: 'none', label: 'No customer' },
          ]}
        />
        {mode === 'existing' && <PickedCustomer customer={picked} />}
        {mode === 'new' && (
          <fieldset className="nested">
            <legend>New customer</legend>
            <CustomerFields value={draft} onChange={setDraft} fields={fields}
              prefix="customer." />
          </fieldset>
        )}

        <TextField label="Subject" value={subject} onValueChange={setSubject} required
          maxLength={200} autoComplete="off" error={fields.subject} />
        {emails.length > 0 && (
          <SelectField label="Contact e-mail" value={contact} onValueChange={setContactPick}
            hint="Where notifications for this case go" error={fields.contactEmail}>
            {emails.map((email) => <option key={email} value={email}>{email}</option>)}
            <option value={NO_CONTACT}>No contact e-mail</option>
          </SelectField>
        )}
        <TextAreaField label="Message" value={body} onValueChange={setBody} required rows={8}
          error={fields['message.body']} />
        <VisibilityChoice value={visibility} onChange={setVisibility} supervisor={me.supervisor}
          error={fields['message.visibility']} />
        <div className="form-actions">
          <button type="submit" disabled={busy}>{busy ? 'Creating…' : 'Create case'}</button>
        </div>
      </form>
    </section>
  );
}
