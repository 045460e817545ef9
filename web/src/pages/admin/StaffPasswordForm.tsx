/**
 * An admin sets a new password for a member (PATCH /staff/:id with `password`),
 * apart from the other edits so a role change never resets a password by accident.
 * It signs the member out everywhere and lifts a sign-in lock, so a member locked
 * out by someone guessing at their e-mail can sign in with it at once.
 */
import { useState, type FormEvent } from 'react';
import { changeStaff } from '../../api/admin';
import type { Staff } from '../../api/types';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/fields';
import { fieldErrorsOf } from '../../lib/errors';
import { useSession } from '../../session';

/** As the server's rule for every staff password. */
const MIN_LENGTH = 10;

export function StaffPasswordForm({ staff }: { staff: Staff }) {
  const { me } = useSession();
  const self = staff.id === me.id;
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await changeStaff(staff.id, { password });
      setPassword('');
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const hint = self
    ? 'Signs you out everywhere but here and revokes your API tokens.'
    : 'Signs them out everywhere, revokes their API tokens and lifts a sign-in lock, '
      + 'so they can sign in with it at once. Tell them the new password yourself.';

  return (
    <form className="form" onSubmit={submit} aria-label={`Set password for ${staff.name}`}>
      <h3>Set a new password</h3>
      <FormError error={error} shown={['password']} />
      {done && (
        <p className="notice" role="status">
          New password set for <bdi>{staff.name}</bdi>.
          {self ? ' Your other sessions were signed out.' : ' They were signed out everywhere.'}
        </p>
      )}
      <TextField label="New password" type="password" value={password} required
        onValueChange={setPassword} autoComplete="new-password" minLength={MIN_LENGTH}
        hint={`At least ${MIN_LENGTH} characters. ${hint}`}
        error={fieldErrorsOf(error).password} />
      <div className="form-actions">
        <button type="submit" disabled={busy}>Set password</button>
      </div>
    </form>
  );
}
