/**
 * The case's history in a collapsible section. It is loaded when first
 * opened, and again whenever `version` changes while open (after a status
 * change, a message or a redaction).
 */
import { useState } from 'react';
import { getHistory } from '../../api/cases';
import { HistoryList } from '../../components/HistoryList';
import { LoadError, Loading } from '../../components/LoadState';
import { useLoad } from '../../lib/use-load';

interface Props {
  caseNo: number;
  version: number;
}

export function CaseHistory({ caseNo, version }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <details className="history-section" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="summary-heading">History</summary>
      {open && <HistoryBody caseNo={caseNo} version={version} />}
    </details>
  );
}

function HistoryBody({ caseNo, version }: Props) {
  const history = useLoad((signal) => getHistory(caseNo, signal), [caseNo, version]);
  if (history.error) return <LoadError error={history.error} retry={history.reload} />;
  if (!history.data) return <Loading what="Loading history" />;
  return <HistoryList entries={history.data} />;
}
