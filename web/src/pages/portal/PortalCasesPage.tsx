/** /portal/cases: the cases this customer follows, most recently updated first. */
import { listPortalCases } from '../../api/portal';
import type { PortalCase } from '../../api/types';
import { LoadError, Loading } from '../../components/LoadState';
import { formatDateTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { useTitle } from '../../lib/use-title';
import { Link } from '../../router';
import { FollowCaseForm } from './FollowCaseForm';
import { PortalStatusBadge } from './PortalStatusBadge';

export function PortalCasesPage() {
  useTitle('Your cases');
  const cases = useLoad((signal) => listPortalCases(signal), []);
  return (
    <section className="page portal-page">
      <h1>Your cases</h1>
      {cases.error ? <LoadError error={cases.error} retry={cases.reload} />
        : !cases.data ? <Loading what="Loading your cases" />
          : cases.data.length === 0 ? (
            <p data-testid="case-count">You do not follow any case at the moment.</p>
          ) : <PortalCaseTable cases={cases.data} />}
      <details className="panel portal-follow">
        <summary className="summary-heading" id="follow-another">Follow another case</summary>
        <FollowCaseForm headingId="follow-another" />
      </details>
    </section>
  );
}

function PortalCaseTable({ cases }: { cases: PortalCase[] }) {
  return (
    <div className="table-wrap">
      <table className="case-table">
        <caption className="sr-only">Your cases</caption>
        <thead>
          <tr>
            <th scope="col">Case #</th>
            <th scope="col">Subject</th>
            <th scope="col">Status</th>
            <th scope="col">Last update</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr key={c.caseNo} data-testid="case-row" data-case-no={c.caseNo}>
              <td><Link to={`/portal/cases/${c.caseNo}`}>#{c.caseNo}</Link></td>
              <td dir="auto"><Link to={`/portal/cases/${c.caseNo}`}>{c.subject}</Link></td>
              <td><PortalStatusBadge status={c.status} /></td>
              <td><time dateTime={c.updatedAt}>{formatDateTime(c.updatedAt)}</time></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
