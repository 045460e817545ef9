/**
 * Telephony: the webhook address the phone system (PBX) posts call events to,
 * with a copy button and a way to replace its secret, who each call rings for,
 * and the numbers whose calls are turned away.
 */
import { useState } from 'react';
import { getTelephony, rotateTelephonyToken } from '../../api/phone';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/fields';
import { LoadError, Loading } from '../../components/LoadState';
import { useLoad } from '../../lib/use-load';
import { AdminOnly } from './AdminOnly';
import { BlockedNumbers } from './BlockedNumbers';
import { CallRoutes } from './CallRoutes';

const ROTATE_QUESTION = 'Make a new webhook URL? The current one stops working at once, so '
  + 'calls are not shown until the phone system is given the new one.';

export function TelephonyPage() {
  return (
    <AdminOnly title="Telephony">
      <Webhook />
      <CallRoutes />
      <BlockedNumbers />
    </AdminOnly>
  );
}

type Note = { kind: 'copied' } | { kind: 'select' } | { kind: 'rotated' } | null;

function Webhook() {
  const settings = useLoad((signal) => getTelephony(signal), []);
  const [note, setNote] = useState<Note>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const url = settings.data?.webhookUrl ?? '';

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setNote({ kind: 'copied' });
    } catch {
      // No clipboard access (a plain-http address other than this machine): select it instead.
      document.querySelector<HTMLInputElement>('[data-webhook-url]')?.select();
      setNote({ kind: 'select' });
    }
  }

  async function rotate() {
    if (!window.confirm(ROTATE_QUESTION)) return;
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      settings.setData(await rotateTelephonyToken());
      setNote({ kind: 'rotated' });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="webhook-heading">
      <h2 id="webhook-heading">Phone system webhook</h2>
      <p>
        Point your phone system's CTI webhook (the generic one Zammad uses) at this address. It
        posts <code>newCall</code>, <code>answer</code> and <code>hangup</code> events, as JSON
        or form fields; calls then pop up for staff with the caller's open cases.
      </p>
      <p className="muted">The address holds a secret: anyone who has it can report calls.</p>
      {settings.error ? <LoadError error={settings.error} retry={settings.reload} />
        : !settings.data ? <Loading what="Loading the webhook address" /> : (
          <>
            <TextField label="Webhook URL" data-webhook-url="" value={url} readOnly dir="ltr"
              spellCheck={false} onValueChange={() => undefined}
              onFocus={(e) => e.currentTarget.select()} />
            <div className="toolbar">
              <button type="button" onClick={() => void copy()}>Copy</button>
              <button type="button" className="button-danger" disabled={busy}
                onClick={() => void rotate()}>
                {busy ? 'Rotating…' : 'Rotate'}
              </button>
            </div>
          </>
        )}
      <FormError error={error} />
      <div role="status">
        {note?.kind === 'copied' && <p className="notice">Webhook URL copied.</p>}
        {note?.kind === 'select' && (
          <p className="notice">The address is selected: press Ctrl+C (⌘C on a Mac) to copy.</p>
        )}
        {note?.kind === 'rotated' && (
          <p className="notice">
            A new webhook URL is in place and the old one no longer works. Give the new one to
            your phone system.
          </p>
        )}
      </div>
    </section>
  );
}
