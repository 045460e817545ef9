/**
 * "Follow a case": pairing by what the pairing e-mail says for those who
 * type: the account, the Case # and the pairing code. Used on the portal's
 * sign-in page and, for a second case, on the list of cases.
 */
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { pair } from '../../api/portal';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/fields';
import { fieldErrorsOf } from '../../lib/errors';
import { navigate } from '../../router';
import { LINK_OR_CODE_FAILED, toPortalError } from './portal-errors';

const FIELDS = ['account', 'caseNo', 'code'];

export function FollowCaseForm({ headingId }: { headingId: string }) {
  const [account, setAccount] = useState('');
  const [caseText, setCaseText] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = fieldErrorsOf(error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const caseNo = readCaseNo(caseText);
    if (caseNo === null) {
      setError(new ApiError(400, 'validation_failed', 'Check the Case #.',
        { caseNo: 'must be the number of the case, e.g. 42' }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await pair({ account: account.trim().toLowerCase(), caseNo, code: code.trim() });
      navigate(`/portal/cases/${caseNo}`);
    } catch (err) {
      setError(toPortalError(err, LINK_OR_CODE_FAILED));
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} aria-labelledby={headingId}>
      <FormError error={error} shown={FIELDS} />
      <TextField label="Account" value={account} onValueChange={setAccount} required
        autoComplete="organization" autoCapitalize="none" spellCheck={false} maxLength={60}
        hint="As written in the e-mail we sent you, e.g. acme" error={fields.account} />
      <TextField label="Case #" value={caseText} onValueChange={setCaseText} required
        inputMode="numeric" autoComplete="off" maxLength={12} error={fields.caseNo} />
      <TextField label="Pairing code" value={code} onValueChange={setCode} required
        autoComplete="one-time-code" autoCapitalize="characters" spellCheck={false}
        maxLength={40} error={fields.code} />
      <div className="form-actions">
        <button type="submit" disabled={busy}>{busy ? 'Checking…' : 'Follow case'}</button>
      </div>
    </form>
  );
}

/** "42", "#42" or "Case #42" as typed from the e-mail; null when it is no Case #. */
function readCaseNo(text: string): number | null {
  const digits = /^(?:case\s*)?#?\s*(\d{1,10})$/i.exec(text.trim())?.[1];
  if (digits === undefined) return null;
  const n = Number(digits);
  return n > 0 && n <= 2_147_483_647 ? n : null;
}
