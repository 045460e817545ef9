/**
 * Creates a company account with its first admin, who is signed in at once
 * and taken to the desk. The slug is optional: the server makes one from the
 * account name when it is left empty.
 */
import { useState, type FormEvent } from 'react';
import { signup, type SignupInput } from '../api/auth';
import { FormError } from '../components/FormError';
import { TextField } from '../components/fields';
import { RegionField, TimeZoneField } from '../components/TimeZoneField';
import { fieldErrorsOf } from '../lib/errors';
import { browserTimeZone } from '../lib/timezones';
import { useTitle } from '../lib/use-title';
import { Link, navigate } from '../router';
import type { SignedIn } from '../session';

const MIN_PASSWORD = 10;
const SHOWN = ['accountName', 'accountSlug', 'adminName', 'adminEmail', 'password',
  'defaultRegion', 'timezone'];

export function SignupPage({ onSignedIn }: { onSignedIn: SignedIn }) {
  useTitle('Sign up');
  const [form, setForm] = useState({
    accountName: '', accountSlug: '', adminName: '', adminEmail: '', password: '',
    defaultRegion: 'US', timezone: browserTimeZone(),
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = fieldErrorsOf(error);
  const set = (key: keyof typeof form) => (value: string) =>
    setForm((f) => ({ ...f, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const input: SignupInput = {
      accountName: form.accountName.trim(),
      adminName: form.adminName.trim(),
      adminEmail: form.adminEmail.trim(),
      password: form.password,
      defaultRegion: form.defaultRegion.trim().toUpperCase() || 'US',
    };
    if (form.accountSlug.trim() !== '') input.accountSlug = form.accountSlug.trim().toLowerCase();
    if (form.timezone.trim() !== '') input.timezone = form.timezone.trim();
    try {
      const { account, user } = await signup(input);
      onSignedIn(user, account.slug, account);
      navigate('/');
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <section className="page page-narrow">
      <h1>Create a Caseline account</h1>
      <form onSubmit={submit} className="form">
        <FormError error={error} shown={SHOWN} />
        <TextField label="Account name" value={form.accountName} onValueChange={set('accountName')}
          required autoComplete="organization" error={fields.accountName}
          hint="Your company's name, as staff will see it" />
        <TextField label="Account slug" value={form.accountSlug} autoCapitalize="none"
          onValueChange={set('accountSlug')} spellCheck={false} error={fields.accountSlug}
          hint="Optional. Letters, digits and dashes; staff type it to sign in. Left empty,
            one is made from the account name." />
        <TextField label="Your name" value={form.adminName} onValueChange={set('adminName')}
          required autoComplete="name" error={fields.adminName} />
        <TextField label="E-mail" type="email" value={form.adminEmail} required
          onValueChange={set('adminEmail')} autoComplete="email" error={fields.adminEmail} />
        <TextField label="Password" type="password" value={form.password} required
          onValueChange={set('password')} autoComplete="new-password" minLength={MIN_PASSWORD}
          hint={`At least ${MIN_PASSWORD} characters`} error={fields.password} />
        <RegionField value={form.defaultRegion} onValueChange={set('defaultRegion')}
          error={fields.defaultRegion} />
        <TimeZoneField value={form.timezone} onValueChange={set('timezone')}
          error={fields.timezone} />
        <div className="form-actions">
          <button type="submit" disabled={busy}>{busy ? 'Signing up…' : 'Sign up'}</button>
        </div>
      </form>
      <p>Already have an account? <Link to="/login">Sign in</Link></p>
    </section>
  );
}
