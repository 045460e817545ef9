/**
 * One case: what it is and where it stands, the customer, the thread with a
 * visibility badge on every message, a box for a new message, closing and
 * reopening, the history, the ways to print it, and who follows it online.
 * When someone else changes the case (a live event) it is fetched again in
 * place: a message being typed stays, and a failed refresh leaves the page as
 * it was.
 */
import { useRef, useState } from 'react';
import { getCase, pdfUrl } from '../api/cases';
import type { Case, Message } from '../api/types';
import { StatusBadge } from '../components/badges';
import { CustomerDetails } from '../components/CustomerDetails';
import { LoadError, Loading } from '../components/LoadState';
import { formatDateTime } from '../lib/format';
import { useCaseChanges } from '../lib/use-live';
import { useLoad } from '../lib/use-load';
import { useTitle } from '../lib/use-title';
import { Link } from '../router';
import { useSession } from '../session';
import { CaseHistory } from './case/CaseHistory';
import { CaseThread } from './case/CaseThread';
import { CustomerAccess } from './case/CustomerAccess';
import { MessageComposer } from './case/MessageComposer';
import { StatusControl } from './case/StatusControl';

export function CasePage({ caseNo }: { caseNo: number }) {
  const { me } = useSession();
  const loaded = useLoad((signal) => getCase(caseNo, signal), [caseNo]);
  // Bumped after every change, so an open history section shows the new entry.
  const [historyVersion, setHistoryVersion] = useState(0);
  const theCase = loaded.data;
  useTitle(theCase ? `Case #${caseNo}: ${theCase.subject}` : `Case #${caseNo}`);

  function update(next: Case) {
    loaded.setData(next);
    setHistoryVersion((v) => v + 1);
  }

  const refreshing = useRef<AbortController | null>(null);
  useCaseChanges(() => {
    refreshing.current?.abort();
    const controller = new AbortController();
    refreshing.current = controller;
    getCase(caseNo, controller.signal).then(update, () => undefined);
  }, caseNo);

  function replaceMessage(message: Message) {
    if (!theCase) return;
    update({ ...theCase,
      messages: theCase.messages.map((m) => (m.id === message.id ? message : m)) });
  }

  return (
    <section className="page">
      <h1>
        Case #{caseNo}{theCase && <>: <bdi className="case-subject">{theCase.subject}</bdi></>}
      </h1>
      {loaded.error ? <LoadError error={loaded.error} retry={loaded.reload} />
        : !theCase ? <Loading what="Loading the case" />
          : (
            <div className="case-layout">
              <div className="case-main">
                <CaseFacts theCase={theCase} onChanged={update} />
                <section aria-labelledby="messages-heading">
                  <h2 id="messages-heading">Messages ({theCase.messages.length})</h2>
                  <CaseThread caseNo={caseNo} messages={theCase.messages}
                    supervisor={me.supervisor} onRedacted={replaceMessage} />
                </section>
                <MessageComposer theCase={theCase} supervisor={me.supervisor}
                  onAdded={(added) => update({ ...theCase,
                    messages: [...theCase.messages, added.message],
                    updatedAt: added.message.createdAt })} />
                <CaseHistory caseNo={caseNo} version={historyVersion} />
              </div>
              <div className="case-side">
                <CustomerPanel theCase={theCase} />
                <CustomerAccess caseNo={caseNo} version={historyVersion}
                  hasContactEmail={theCase.contactEmail !== null} />
              </div>
            </div>
          )}
    </section>
  );
}

function CaseFacts({ theCase, onChanged }: { theCase: Case; onChanged: (c: Case) => void }) {
  return (
    <div className="case-facts">
      <dl className="facts">
        <div><dt>Status</dt><dd><StatusBadge status={theCase.status} /></dd></div>
        <div><dt>Department</dt><dd dir="auto">{theCase.department.name}</dd></div>
        <div>
          <dt>Contact e-mail</dt>
          <dd dir="auto">{theCase.contactEmail ?? <span className="muted">None</span>}</dd>
        </div>
        <div>
          <dt>Opened</dt>
          <dd>
            <time dateTime={theCase.createdAt}>{formatDateTime(theCase.createdAt)}</time>
            {' by '}<bdi>{theCase.createdBy.name}</bdi>
          </dd>
        </div>
        <div>
          <dt>Last activity</dt>
          <dd><time dateTime={theCase.updatedAt}>{formatDateTime(theCase.updatedAt)}</time></dd>
        </div>
        {theCase.closedAt && (
          <div>
            <dt>Closed</dt>
            <dd><time dateTime={theCase.closedAt}>{formatDateTime(theCase.closedAt)}</time></dd>
          </div>
        )}
      </dl>
      <div className="toolbar">
        <StatusControl theCase={theCase} onChanged={onChanged} />
        <Link to={`/cases/${theCase.caseNo}/print`} className="button-link-styled">Print</Link>
        <a href={pdfUrl(theCase.caseNo)} className="button-link-styled" target="_blank"
          rel="noopener">PDF</a>
      </div>
    </div>
  );
}

function CustomerPanel({ theCase }: { theCase: Case }) {
  const customer = theCase.customer;
  return (
    <aside className="panel customer-panel" aria-labelledby="customer-heading">
      <h2 id="customer-heading">Customer</h2>
      {customer ? (
        <>
          <CustomerDetails customer={customer} />
          <p><Link to={`/customers/${customer.customerNo}`}>Open customer page</Link></p>
        </>
      ) : <p className="muted">No customer on this case.</p>}
    </aside>
  );
}
