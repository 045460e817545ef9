/**
 * The signed-in member changes their own password, proving the current one.
 * The server ends their other sessions and API tokens; this page stays signed in.
 * The new password is typed twice here only: a typo would otherwise lock them out.
 */
import { useState, type FormEvent } from 'react';
import { changePassword } from '../api/auth';
import { ApiError } from '../api/client';
import { FormError } from '../components/FormError';
import { TextField } from '../components/fields';
import { fieldErrorsOf } from '../lib/errors';
import { useTitle } from '../lib/use-title';
import { useSession } from '../session';

/** As the server's rule for every staff password (sign-up, new staff, this page). */
const MIN_LENGTH = 10;
const EMPTY = { currentPassword: '', newPassword: '', repeatPassword: '' };

export function PasswordPage() {
  useTitle('Change password');
  const { me } = useSession();
  const [form, setForm] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [changed, setChanged] = useState(false);
  const fields = fieldErrorsOf(error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setChanged(false);
    if (form.newPassword !== form.repeatPassword) {
      setError(new ApiError(400, 'validation_failed', 'The new password was typed two ways.',
        { repeatPassword: 'must be the same as the new password' }));
      return;
    }
    setBusy(true);
    try {
      await changePassword({
        currentPassword: form.currentPassword, newPassword: form.newPassword,
      });
      setForm(EMPTY);
      setChanged(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const set = (name: keyof typeof EMPTY) => (value: string) =>
    setForm((f) => ({ ...f, [name]: value }));

  return (
    <section className="page page-narrow">
      <h1>Change password</h1>
      {changed && (
        <p className="notice" role="status">
          Your password has been changed. You stay signed in here; your other sessions were
          signed out and your API tokens revoked.
        </p>
      )}
      <form className="form" onSubmit={submit} aria-label="Change password">
        <FormError error={error} shown={['currentPassword', 'newPassword', 'repeatPassword']} />
        {/* Lets a password manager file the new password under the right sign-in. */}
        <input type="text" name="username" autoComplete="username" value={me.email} readOnly
          hidden />
        <TextField label="Current password" type="password" value={form.currentPassword}
          onValueChange={set('currentPassword')} required autoComplete="current-password"
          error={fields.currentPassword} />
        <TextField label="New password" type="password" value={form.newPassword}
          onValueChange={set('newPassword')} required autoComplete="new-password"
          minLength={MIN_LENGTH} hint={`At least ${MIN_LENGTH} characters`}
          error={fields.newPassword} />
        <TextField label="Repeat new password" type="password" value={form.repeatPassword}
          onValueChange={set('repeatPassword')} required autoComplete="new-password"
          error={fields.repeatPassword} />
        <div className="form-actions">
          <button type="submit" disabled={busy}>{busy ? 'Changing…' : 'Change password'}</button>
        </div>
      </form>
    </section>
  );
}
