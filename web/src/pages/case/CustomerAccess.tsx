/**
 * "Customer access": who may follow the case in the customer portal. A
 * pairing waits until the customer uses the mailed link or code, then is
 * active; staff can revoke either, after confirming, and the customer loses
 * the case at once. Reloaded whenever the case changes (`version`), since a
 * message may have sent a new pairing instruction.
 */
import { useState } from 'react';
import { listPairings, revokePairing } from '../../api/cases';
import type { Pairing } from '../../api/types';
import { FormError } from '../../components/FormError';
import { LoadError, Loading } from '../../components/LoadState';
import { formatDateTime } from '../../lib/format';
import { useFocusLater } from '../../lib/use-focus-later';
import { useLoad } from '../../lib/use-load';

interface Props {
  caseNo: number;
  version: number;
  /** Invitations go to the case's contact e-mail; without one there is no way to invite. */
  hasContactEmail: boolean;
}

export function CustomerAccess({ caseNo, version, hasContactEmail }: Props) {
  const pairings = useLoad((signal) => listPairings(caseNo, signal), [caseNo, version]);
  const [busyId, setBusyId] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  // The revoked row and its button go; keep keyboard focus in the panel.
  const focusLater = useFocusLater();

  async function revoke(pairing: Pairing) {
    const question = `Revoke access for ${pairing.email}? They can no longer read or reply `
      + 'to this case in the customer portal.';
    if (!window.confirm(question)) return;
    setBusyId(pairing.id);
    setError(null);
    try {
      await revokePairing(caseNo, pairing.id);
      pairings.setData((pairings.data ?? []).filter((p) => p.id !== pairing.id));
      focusLater('#access-heading');
    } catch (err) {
      setError(err);
    } finally {
      setBusyId(null);
    }
  }

  return (
    <section className="panel access-panel" aria-labelledby="access-heading">
      <h2 id="access-heading">Customer access</h2>
      <FormError error={error} />
      {pairings.error ? <LoadError error={pairings.error} retry={pairings.reload} />
        : !pairings.data ? <Loading what="Loading customer access" />
          : pairings.data.length === 0 ? (
            <p className="muted">
              No one follows this case online.{' '}
              {hasContactEmail
                ? 'Tick “Send case pairing instruction” on a public message to invite the '
                  + 'contact.'
                : 'Give the case a contact e-mail to invite the customer.'}
            </p>
          ) : (
            <ul className="plain-list pairings">
              {pairings.data.map((pairing) => (
                <li key={pairing.id} className="pairing" data-testid="pairing"
                  data-pairing-id={pairing.id}
                  data-state={pairing.pairedAt === null ? 'waiting' : 'active'}>
                  <div dir="auto" className="pairing-email">{pairing.email}</div>
                  <PairingState pairing={pairing} />
                  <button type="button" className="button-small button-danger"
                    disabled={busyId === pairing.id}
                    aria-label={`Revoke access for ${pairing.email}`}
                    onClick={() => void revoke(pairing)}>
                    Revoke
                  </button>
                </li>
              ))}
            </ul>
          )}
    </section>
  );
}

function PairingState({ pairing }: { pairing: Pairing }) {
  if (pairing.pairedAt === null) {
    const expired = Date.parse(pairing.expiresAt) <= Date.now();
    return (
      <p className="pairing-state">
        Invitation sent <Time iso={pairing.createdAt} />, {expired ? 'expired' : 'expires'}{' '}
        <Time iso={pairing.expiresAt} />
      </p>
    );
  }
  return (
    <p className="pairing-state">
      Paired <Time iso={pairing.pairedAt} />, last seen{' '}
      {pairing.lastSeenAt ? <Time iso={pairing.lastSeenAt} /> : 'not yet'}
    </p>
  );
}

function Time({ iso }: { iso: string }) {
  return <time dateTime={iso}>{formatDateTime(iso)}</time>;
}
