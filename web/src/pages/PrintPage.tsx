/**
 * The whole case on paper, as this reader may see it (PRODUCT.md rule 8):
 * account, case facts, customer, every message with author, time and
 * visibility, and the history. print.css hides the app around it and keeps
 * each message on one page where it fits.
 */
import { getPrintable } from '../api/cases';
import type { PrintableCase } from '../api/types';
import { StatusBadge } from '../components/badges';
import { CustomerDetails } from '../components/CustomerDetails';
import { HistoryList } from '../components/HistoryList';
import { LoadError, Loading } from '../components/LoadState';
import { MessageView } from '../components/MessageView';
import { formatDateTime } from '../lib/format';
import { useLoad } from '../lib/use-load';
import { useTitle } from '../lib/use-title';
import { Link } from '../router';
import { useSession } from '../session';

export function PrintPage({ caseNo }: { caseNo: number }) {
  const { me, accountName } = useSession();
  const loaded = useLoad((signal) => getPrintable(caseNo, accountName, signal), [caseNo]);
  useTitle(`Print case #${caseNo}`);

  return (
    <article className="page printout">
      <div className="toolbar no-print">
        <button type="button" onClick={() => window.print()} disabled={!loaded.data}>
          Print
        </button>
        <Link to={`/cases/${caseNo}`}>Back to case #{caseNo}</Link>
      </div>
      {loaded.error ? <LoadError error={loaded.error} retry={loaded.reload} />
        : !loaded.data ? (
          <>
            <h1>Case #{caseNo}</h1>
            <Loading what="Loading the case" />
          </>
        ) : <Printout printable={loaded.data} printedBy={me.name} />}
    </article>
  );
}

function Printout({ printable, printedBy }: { printable: PrintableCase; printedBy: string }) {
  const { case: c, history, timezone } = printable;
  const at = (iso: string) => formatDateTime(iso, timezone);
  return (
    <>
      <header className="print-header">
        {printable.accountName && (
          <p className="print-account" dir="auto">{printable.accountName}</p>
        )}
        <h1>Case #{c.caseNo}: <bdi>{c.subject}</bdi></h1>
        <dl className="facts">
          <div><dt>Status</dt><dd><StatusBadge status={c.status} /></dd></div>
          <div><dt>Department</dt><dd dir="auto">{c.department.name}</dd></div>
          <div><dt>Contact e-mail</dt><dd dir="auto">{c.contactEmail ?? 'None'}</dd></div>
          <div><dt>Opened</dt><dd>{at(c.createdAt)} by <bdi>{c.createdBy.name}</bdi></dd></div>
          <div><dt>Last activity</dt><dd>{at(c.updatedAt)}</dd></div>
          {c.closedAt && <div><dt>Closed</dt><dd>{at(c.closedAt)}</dd></div>}
        </dl>
      </header>

      <section className="print-section">
        <h2>Customer</h2>
        {c.customer ? <CustomerDetails customer={c.customer} />
          : <p>No customer on this case.</p>}
      </section>

      <section className="print-section">
        <h2>Messages ({c.messages.length})</h2>
        <ol className="thread">
          {c.messages.map((m) => <li key={m.id}><MessageView message={m} timeZone={timezone} />
          </li>)}
        </ol>
      </section>

      <section className="print-section">
        <h2>History</h2>
        <HistoryList entries={history} timeZone={timezone} />
      </section>

      <footer className="print-footer">
        Printed {formatDateTime(new Date().toISOString(), timezone)} by <bdi>{printedBy}</bdi>
        {timezone && <> · times in {timezone}</>}
      </footer>
    </>
  );
}
