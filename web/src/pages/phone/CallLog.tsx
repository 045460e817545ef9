/** The call log: every call newest first, missed ones marked, with who answered. */
import type { Call } from '../../api/types';
import { CallStateBadge } from '../../components/CallCard';
import {
  callCauseLabel, callerLabel, customerIdLabel, displayName, formatDateTime,
} from '../../lib/format';
import { Link } from '../../router';

export function CallLog({ calls }: { calls: Call[] }) {
  if (calls.length === 0) return <p className="muted">No calls yet.</p>;
  return (
    <div className="table-wrap">
      <table className="call-log">
        <caption className="sr-only">Call log, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Caller</th>
            <th scope="col">Customer</th>
            <th scope="col">Outcome</th>
            <th scope="col">Answered by</th>
          </tr>
        </thead>
        <tbody>
          {calls.map((call) => (
            <tr key={call.callId} data-testid="call-row" data-call-id={call.callId}
              data-state={call.state} data-missed={call.missed}
              className={call.missed ? 'call-row-missed' : undefined}>
              <td><time dateTime={call.startedAt}>{formatDateTime(call.startedAt)}</time></td>
              <td>
                {call.from === null ? callerLabel(call)
                  : <bdi dir="ltr">{call.from}</bdi>}
                {call.direction === 'out' && <div className="muted">outgoing</div>}
              </td>
              <td><Customers call={call} /></td>
              <td>
                <CallStateBadge call={call} />
                {call.state === 'ended' && callCauseLabel(call.cause) && (
                  <div className="muted">{callCauseLabel(call.cause)}</div>
                )}
              </td>
              <td>
                {call.answeredBy ? <bdi>{call.answeredBy}</bdi>
                  : <span className="muted">—</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Customers({ call }: { call: Call }) {
  if (call.matches.length === 0) {
    return <span className="muted">{call.from === null ? '—' : 'Unknown number'}</span>;
  }
  return (
    <ul className="plain-list">
      {call.matches.map(({ customer }) => (
        <li key={customer.customerNo}>
          <Link to={`/customers/${customer.customerNo}`}>
            <bdi>{displayName(customer.name)}</bdi>
          </Link>{' '}
          <span className="muted">{customerIdLabel(customer.customerNo)}</span>
        </li>
      ))}
    </ul>
  );
}
