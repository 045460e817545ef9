/**
 * Blocked numbers: a call from one of them is turned away as busy before it
 * rings for anyone. The number may be written any way; the server matches it
 * in E.164, as it matches callers.
 */
import { useState, type FormEvent } from 'react';
import { blockNumber, listBlockedNumbers, unblockNumber } from '../../api/phone';
import type { BlockedNumber } from '../../api/types';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/fields';
import { LoadError, Loading } from '../../components/LoadState';
import { fieldErrorsOf } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useFocusLater } from '../../lib/use-focus-later';
import { useLoad } from '../../lib/use-load';

export function BlockedNumbers() {
  const list = useLoad((signal) => listBlockedNumbers(signal), []);
  const [busyId, setBusyId] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  // The row and its button go; keep keyboard focus in the section.
  const focusLater = useFocusLater();

  async function unblock(blocked: BlockedNumber) {
    setBusyId(blocked.id);
    setError(null);
    try {
      await unblockNumber(blocked.id);
      list.setData((now) => now?.filter((b) => b.id !== blocked.id));
      focusLater('#blocked-heading');
    } catch (err) {
      setError(err);
    } finally {
      setBusyId(null);
    }
  }

  return (
    <section className="panel" aria-labelledby="blocked-heading">
      <h2 id="blocked-heading">Blocked numbers</h2>
      <p className="muted">Calls from these numbers are answered busy and never pop up.</p>
      <BlockForm onBlocked={(added) => list.setData((now) => now && [added, ...now])} />
      <FormError error={error} />
      {list.error ? <LoadError error={list.error} retry={list.reload} />
        : !list.data ? <Loading what="Loading blocked numbers" />
          : list.data.length === 0 ? <p className="muted">No number is blocked.</p> : (
            <ul className="rows">
              {list.data.map((blocked) => (
                <li key={blocked.id} className="row" data-testid="blocked-row"
                  data-blocked-id={blocked.id}>
                  <div className="row-main">
                    <bdi dir="ltr">{blocked.number}</bdi>
                    {blocked.e164 !== blocked.number && (
                      <span className="muted"> · <bdi dir="ltr">{blocked.e164}</bdi></span>
                    )}
                    {blocked.note && <div dir="auto">{blocked.note}</div>}
                    <div className="muted">
                      Blocked <time dateTime={blocked.createdAt}>
                        {formatDateTime(blocked.createdAt)}</time>
                    </div>
                  </div>
                  <button type="button" className="button-secondary button-small"
                    disabled={busyId === blocked.id} aria-label={`Unblock ${blocked.number}`}
                    onClick={() => void unblock(blocked)}>
                    Unblock
                  </button>
                </li>
              ))}
            </ul>
          )}
    </section>
  );
}

function BlockForm({ onBlocked }: { onBlocked: (blocked: BlockedNumber) => void }) {
  const [number, setNumber] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = fieldErrorsOf(error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onBlocked(await blockNumber({ number: number.trim(), note: note.trim() || null }));
      setNumber('');
      setNote('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} aria-label="Block a number">
      <FormError error={error} shown={['number', 'note']} />
      <div className="inline-form">
        <TextField label="Number" type="tel" value={number} onValueChange={setNumber} required
          maxLength={64} autoComplete="off" error={fields.number} />
        <TextField label="Note" value={note} onValueChange={setNote} maxLength={500}
          autoComplete="off" hint="Optional: why it is blocked" error={fields.note} />
        <button type="submit" disabled={busy}>{busy ? 'Blocking…' : 'Block number'}</button>
      </div>
    </form>
  );
}
