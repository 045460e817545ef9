/**
 * The editable parts of a customer, shared by "new customer" on the new-case
 * page and the customer page's edit form. Field errors arrive with the
 * server's paths (e.g. `customer.phones.0`), hence the prefix.
 */
import type { CustomerInput } from '../api/types';
import { TextAreaField, TextField } from './fields';
import { indexedErrors, MultiValueField } from './MultiValueField';

export interface CustomerDraft {
  name: string;
  phones: string[];
  emails: string[];
  address: string;
  note: string;
  externalRef: string;
}

export const EMPTY_CUSTOMER: CustomerDraft = {
  name: '', phones: [''], emails: [''], address: '', note: '', externalRef: '',
};

interface Props {
  value: CustomerDraft;
  onChange: (value: CustomerDraft) => void;
  fields: Record<string, string>;
  /** '' on the customer page, 'customer.' on the new-case page. */
  prefix: string;
}

export function CustomerFields({ value, onChange, fields, prefix }: Props) {
  const set = <K extends keyof CustomerDraft>(key: K) => (v: CustomerDraft[K]) =>
    onChange({ ...value, [key]: v });
  return (
    <div className="customer-fields">
      <TextField label="Name" value={value.name} onValueChange={set('name')}
        autoComplete="off" error={fields[`${prefix}name`]} />
      <MultiValueField legend="Phones" noun="Phone" type="tel" values={value.phones}
        onChange={set('phones')}
        errors={indexedErrors(fields, `${prefix}phones`, value.phones)} />
      {fields[`${prefix}phones`] && <p className="field-error">{fields[`${prefix}phones`]}</p>}
      <MultiValueField legend="E-mails" noun="E-mail" type="email" values={value.emails}
        onChange={set('emails')}
        errors={indexedErrors(fields, `${prefix}emails`, value.emails)} />
      {fields[`${prefix}emails`] && <p className="field-error">{fields[`${prefix}emails`]}</p>}
      <TextAreaField label="Address" value={value.address} onValueChange={set('address')}
        rows={3} error={fields[`${prefix}address`]} />
      <TextAreaField label="Note" value={value.note} onValueChange={set('note')} rows={3}
        error={fields[`${prefix}note`]} />
      <TextField label="External reference" value={value.externalRef}
        onValueChange={set('externalRef')} autoComplete="off"
        hint="Optional: the customer's number in another system"
        error={fields[`${prefix}externalRef`]} />
    </div>
  );
}

/** Non-empty phones and e-mails as typed; empty text fields become null (cleared). */
export function toCustomerInput(draft: CustomerDraft): CustomerInput {
  return {
    name: orNull(draft.name),
    phones: cleanList(draft.phones),
    emails: cleanList(draft.emails),
    address: orNull(draft.address),
    note: orNull(draft.note),
    externalRef: orNull(draft.externalRef),
  };
}

export function cleanList(values: string[]): string[] {
  return values.map((v) => v.trim()).filter((v) => v !== '');
}

function orNull(value: string): string | null {
  const text = value.trim();
  return text === '' ? null : text;
}

/** All the field names this form shows, for FormError's "others" list. */
export function customerFieldNames(prefix: string, draft: CustomerDraft): string[] {
  const names = ['name', 'phones', 'emails', 'address', 'note', 'externalRef']
    .map((n) => prefix + n);
  draft.phones.forEach((_, i) => names.push(`${prefix}phones.${i}`));
  draft.emails.forEach((_, i) => names.push(`${prefix}emails.${i}`));
  return names;
}
