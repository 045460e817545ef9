/** The account's settings: name, default phone region, time zone and sender address. */
import { useState, type FormEvent } from 'react';
import { changeAccount, getAccount } from '../../api/admin';
import type { Account } from '../../api/types';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/fields';
import { LoadError, Loading } from '../../components/LoadState';
import { RegionField, TimeZoneField } from '../../components/TimeZoneField';
import { fieldErrorsOf } from '../../lib/errors';
import { useLoad } from '../../lib/use-load';
import { useSession } from '../../session';
import { AdminOnly } from './AdminOnly';

export function AccountPage() {
  return (
    <AdminOnly title="Account settings">
      <AccountSettings />
    </AdminOnly>
  );
}

function AccountSettings() {
  const account = useLoad((signal) => getAccount(signal), []);
  if (account.error) return <LoadError error={account.error} retry={account.reload} />;
  if (!account.data) return <Loading what="Loading the account" />;
  return <AccountForm account={account.data} onSaved={account.setData} />;
}

function AccountForm({ account, onSaved }: { account: Account; onSaved: (a: Account) => void }) {
  const { accountRenamed } = useSession();
  const [name, setName] = useState(account.name);
  const [region, setRegion] = useState(account.defaultRegion);
  const [timezone, setTimezone] = useState(account.timezone);
  const [mailFrom, setMailFrom] = useState(account.mailFrom ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const fields = fieldErrorsOf(error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const next = await changeAccount({
        name: name.trim(), defaultRegion: region.trim().toUpperCase(),
        timezone: timezone.trim(), mailFrom: mailFrom.trim() === '' ? null : mailFrom.trim(),
      });
      onSaved(next);
      accountRenamed({ slug: next.slug, name: next.name });
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form page-narrow" onSubmit={submit} aria-label="Account settings">
      <FormError error={error} shown={['name', 'defaultRegion', 'timezone', 'mailFrom']} />
      {saved && <p className="notice" role="status">Account settings saved.</p>}
      <p>Sign-in account: <code>{account.slug}</code> <span className="muted">(cannot be
        changed)</span></p>
      <TextField label="Account name" value={name} onValueChange={setName} required
        maxLength={200} error={fields.name} />
      <RegionField value={region} onValueChange={setRegion} error={fields.defaultRegion} />
      <TimeZoneField value={timezone} onValueChange={setTimezone} error={fields.timezone} />
      <TextField label="Mail from" type="email" value={mailFrom} onValueChange={setMailFrom}
        hint="The sender address of e-mail Caseline sends for this account; empty for the
          server's default" error={fields.mailFrom} />
      <div className="form-actions">
        <button type="submit" disabled={busy}>Save account</button>
      </div>
    </form>
  );
}
