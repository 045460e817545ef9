/**
 * /portal: how a customer gets in. "Follow a case" pairs by the account,
 * Case # and code from the pairing e-mail; "Sign in by e-mail" mails a
 * one-time link to an address that already follows cases. Someone already
 * signed in goes straight to their cases.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { listPortalCases, requestSignInLink } from '../../api/portal';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/fields';
import { Loading } from '../../components/LoadState';
import { fieldErrorsOf } from '../../lib/errors';
import { useLoad } from '../../lib/use-load';
import { useTitle } from '../../lib/use-title';
import { navigate } from '../../router';
import { FollowCaseForm } from './FollowCaseForm';

const LINK_SENT = 'If that address follows cases with us, we have sent it a sign-in link. '
  + 'It works once, for an hour.';

export function PortalSignInPage() {
  useTitle('Customer portal');
  // true when the portal cookie still works; a 401 here is an answer, not an error.
  const signedIn = useLoad((signal) => listPortalCases(signal, true).then(() => true,
    (err: unknown) => {
      if (err instanceof ApiError && err.status === 401) return false;
      throw err;
    }), []);

  useEffect(() => {
    if (signedIn.data === true) navigate('/portal/cases', { replace: true });
  }, [signedIn.data]);

  return (
    <section className="page portal-page">
      <h1>Customer portal</h1>
      {signedIn.data === undefined && !signedIn.error ? <Loading />
        : signedIn.data === true ? <Loading what="Opening your cases" /> : (
          <>
            <p>Follow your case online: read our answers and reply to them.</p>
            <div className="portal-columns">
              <section className="panel" aria-labelledby="follow-heading">
                <h2 id="follow-heading">Follow a case</h2>
                <p className="hint">
                  Our e-mail inviting you to follow your case has a link to open, and
                  these three details for typing in instead.
                </p>
                <FollowCaseForm headingId="follow-heading" />
              </section>
              <section className="panel" aria-labelledby="email-heading">
                <h2 id="email-heading">Sign in by e-mail</h2>
                <p className="hint">
                  Already following a case? We send a sign-in link to your address.
                </p>
                <EmailSignInForm />
              </section>
            </div>
          </>
        )}
    </section>
  );
}

function EmailSignInForm() {
  const [account, setAccount] = useState('');
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  const fields = fieldErrorsOf(error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSent(false);
    try {
      await requestSignInLink({ account: account.trim().toLowerCase(), email: email.trim() });
      setSent(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} aria-labelledby="email-heading">
      <FormError error={error} shown={['account', 'email']} />
      {sent && <p className="notice" role="status">{LINK_SENT}</p>}
      <TextField label="Account" value={account} onValueChange={setAccount} required
        autoComplete="organization" autoCapitalize="none" spellCheck={false} maxLength={60}
        hint="As written in the e-mail we sent you, e.g. acme" error={fields.account} />
      <TextField label="E-mail" type="email" value={email} onValueChange={setEmail} required
        autoComplete="email" maxLength={254} error={fields.email} />
      <div className="form-actions">
        <button type="submit" disabled={busy}>{busy ? 'Sending…' : 'Send sign-in link'}</button>
      </div>
    </form>
  );
}
