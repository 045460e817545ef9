/**
 * /portal/pair?token=… and /portal/session?token=…: a link from one of our
 * e-mails. The token is used once, on arrival; then the customer goes to the
 * case (or to the list when they follow several), and the address is
 * replaced so Back does not spend the token again.
 */
import { useEffect, useState } from 'react';
import { pair, startSession } from '../../api/portal';
import type { PortalCase } from '../../api/types';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/LoadState';
import { useTitle } from '../../lib/use-title';
import { Link, navigate } from '../../router';
import { LINK_OR_CODE_FAILED, SIGN_IN_LINK_FAILED, toPortalError } from './portal-errors';

type Kind = 'pair' | 'session';

// One request per token and page load. React may run an effect twice (StrictMode in
// development), and a second request would find the token spent and show an error.
const pending = new Map<string, Promise<Landing>>();

/** The customer's cases, and the one a pairing link was for. */
interface Landing { cases: PortalCase[]; caseNo?: number }

function spendToken(kind: Kind, token: string): Promise<Landing> {
  const key = `${kind}:${token}`;
  let answer = pending.get(key);
  if (!answer) {
    answer = kind === 'pair'
      ? pair({ token }).then((a) => ({ cases: a.cases, caseNo: a.pairedCaseNo }))
      : startSession(token).then((cases) => ({ cases }));
    pending.set(key, answer);
    const forget = () => { pending.delete(key); };
    answer.then(forget, forget);
  }
  return answer;
}

export function PortalLinkPage({ kind, token }: { kind: Kind; token: string }) {
  useTitle(kind === 'pair' ? 'Follow your case' : 'Sign in');
  const failed = kind === 'pair' ? LINK_OR_CODE_FAILED : SIGN_IN_LINK_FAILED;
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (token === '') {
      setError(new Error(failed));
      return undefined;
    }
    let live = true;
    spendToken(kind, token).then(({ cases, caseNo }) => {
      if (!live) return;
      const only = caseNo ?? (cases.length === 1 ? cases[0]?.caseNo : undefined);
      navigate(only !== undefined ? `/portal/cases/${only}` : '/portal/cases', { replace: true });
    }, (err: unknown) => {
      if (live) setError(toPortalError(err, failed));
    });
    return () => { live = false; };
  }, [kind, token, failed]);

  return (
    <section className="page page-narrow">
      <h1>{kind === 'pair' ? 'Follow your case' : 'Sign in'}</h1>
      {error ? (
        <>
          <FormError error={error} />
          <p><Link to="/portal">Go to the customer portal</Link></p>
        </>
      ) : <Loading what={kind === 'pair' ? 'Opening your case' : 'Signing you in'} />}
    </section>
  );
}
