/**
 * Sign-in: account (its slug), e-mail and password. The server gives one
 * message for an unknown user and a wrong password (401), and 429 after
 * repeated failures; both are shown as plain sentences.
 */
import { useState, type FormEvent } from 'react';
import { login } from '../api/auth';
import { ApiError } from '../api/client';
import { FormError } from '../components/FormError';
import { TextField } from '../components/fields';
import { recallSlug } from '../lib/account-label';
import { fieldErrorsOf } from '../lib/errors';
import { useTitle } from '../lib/use-title';
import { Link } from '../router';
import type { SignedIn } from '../session';

export function LoginPage({ onSignedIn }: { onSignedIn: SignedIn }) {
  useTitle('Sign in');
  const [account, setAccount] = useState(() => recallSlug() ?? '');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = fieldErrorsOf(error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const slug = account.trim().toLowerCase();
      const { user } = await login({ account: slug, email: email.trim(), password });
      onSignedIn(user, slug, null);
    } catch (err) {
      setError(toLoginError(err));
      setBusy(false);
    }
  }

  return (
    <section className="page page-narrow">
      <h1>Sign in to Caseline</h1>
      <form onSubmit={submit} className="form">
        <FormError error={error} shown={['account', 'email', 'password']} />
        <TextField
          label="Account slug" value={account} onValueChange={setAccount} required
          autoComplete="organization" autoCapitalize="none" spellCheck={false}
          hint="The short name your company signed up with, e.g. acme"
          error={fields.account}
        />
        <TextField
          label="E-mail" type="email" value={email} onValueChange={setEmail} required
          autoComplete="username" error={fields.email}
        />
        <TextField
          label="Password" type="password" value={password} onValueChange={setPassword}
          required autoComplete="current-password" error={fields.password}
        />
        <div className="form-actions">
          <button type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
        </div>
      </form>
      <p>New to Caseline? <Link to="/signup">Create an account</Link></p>
    </section>
  );
}

/** Replaces the server's words for the two answers staff most need to understand. */
function toLoginError(err: unknown): unknown {
  if (!(err instanceof ApiError)) return err;
  if (err.status === 401) {
    return new ApiError(401, err.code,
      'The account, e-mail or password is not right. Check them and try again.');
  }
  return err;
}
