/** Closing and reopening a case (PATCH status); each leaves a history entry. */
import { useState } from 'react';
import { patchCase } from '../../api/cases';
import type { Case } from '../../api/types';
import { FormError } from '../../components/FormError';

interface Props {
  theCase: Case;
  onChanged: (updated: Case) => void;
}

export function StatusControl({ theCase, onChanged }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const closed = theCase.status === 'closed';

  async function change() {
    setBusy(true);
    setError(null);
    try {
      onChanged(await patchCase(theCase.caseNo, { status: closed ? 'in_progress' : 'closed' }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" onClick={() => void change()} disabled={busy}
        className={closed ? undefined : 'button-secondary'}>
        {closed ? 'Reopen case' : 'Close case'}
      </button>
      <FormError error={error} />
    </>
  );
}
