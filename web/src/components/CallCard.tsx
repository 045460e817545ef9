/**
 * One phone call as staff need it while it rings: who calls (or that the
 * number is withheld), every customer with that number and their open cases
 * in any department (PRODUCT.md rule 7), and a way to open a case for the
 * caller. Used by the pop-up on every page and by the Phone page.
 */
import { useId, type ReactNode } from 'react';
import type { Call, CallMatch } from '../api/types';
import {
  callCauseLabel, callerLabel, callStateKey, callStateLabel, customerIdLabel, displayName,
  formatDateTime,
} from '../lib/format';
import { Link } from '../router';

interface Props {
  call: Call;
  /** 2 in the pop-up (outside the page), 3 under the Phone page's own heading. */
  headingLevel: 2 | 3;
  /** Open cases listed per customer; the rest are on the customer page. */
  casesShown: number;
  /** Extra controls at the end (the pop-up's Dismiss). */
  actions?: ReactNode;
}

export function CallCard({ call, headingLevel, casesShown, actions }: Props) {
  const headingId = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const direction = call.direction === 'in' ? 'Call from' : 'Call out from';

  return (
    <article className={`call-card call-${callStateKey(call)}`} aria-labelledby={headingId}
      data-testid="call-card" data-call-id={call.callId} data-state={callStateKey(call)}>
      <div className="call-head">
        <Heading id={headingId} className="call-title">
          {direction} {call.from === null ? callerLabel(call)
            : <bdi dir="ltr" className="call-number">{call.from}</bdi>}
        </Heading>
        <CallStateBadge call={call} />
      </div>
      <CallFacts call={call} />
      {call.matches.length > 0 ? (
        <ul className="plain-list call-matches">
          {call.matches.map((match) => (
            <MatchView key={match.customer.customerNo} match={match} phone={call.from}
              casesShown={casesShown} />
          ))}
        </ul>
      ) : <NoMatch call={call} />}
      {actions && <div className="call-actions">{actions}</div>}
    </article>
  );
}

export function CallStateBadge({ call }: { call: Call }) {
  return (
    <span className={`badge call-state-${callStateKey(call)}`} data-testid="call-state">
      {callStateLabel(call)}
    </span>
  );
}

function CallFacts({ call }: { call: Call }) {
  const cause = call.state === 'ended' ? callCauseLabel(call.cause) : '';
  return (
    <p className="call-facts muted">
      <time dateTime={call.startedAt}>{formatDateTime(call.startedAt)}</time>
      {call.to && <> · to <bdi dir="ltr">{call.to}</bdi></>}
      {call.answeredBy && (
        <> · <span data-testid="answered-by">Answered by <bdi>{call.answeredBy}</bdi></span></>
      )}
      {cause && <> · {cause}</>}
    </p>
  );
}

function MatchView({ match, phone, casesShown }: {
  match: CallMatch; phone: string | null; casesShown: number;
}) {
  const { customer, openCases } = match;
  const name = displayName(customer.name);
  const shown = openCases.slice(0, casesShown);
  return (
    <li className="call-match" data-testid="call-match" data-customer-no={customer.customerNo}>
      <p className="call-customer">
        <bdi>{name}</bdi>{' '}
        <Link to={`/customers/${customer.customerNo}`}
          aria-label={`Customer ${customerIdLabel(customer.customerNo)}: ${name}`}>
          {customerIdLabel(customer.customerNo)}
        </Link>
      </p>
      {shown.length === 0 ? <p className="muted">No open cases.</p> : (
        <ul className="call-cases">
          {shown.map((c) => (
            <li key={c.caseNo}>
              <Link to={`/cases/${c.caseNo}`}>#{c.caseNo} <bdi>{c.subject}</bdi></Link>{' '}
              <span className="muted">(<bdi>{c.department.name}</bdi>)</span>
            </li>
          ))}
        </ul>
      )}
      {openCases.length > shown.length && (
        <p className="muted">
          {openCases.length - shown.length} more open on the{' '}
          <Link to={`/customers/${customer.customerNo}`}>customer page</Link>.
        </p>
      )}
      <Link to={newCaseLink(customer.customerNo, phone)}
        className="button-link-styled button-small">
        New case for this caller<span className="sr-only"> ({name})</span>
      </Link>
    </li>
  );
}

function NoMatch({ call }: { call: Call }) {
  if (call.from === null) {
    return (
      <div className="call-unknown">
        <p className="muted">The caller withheld their number.</p>
        <Link to="/cases/new" className="button-link-styled button-small">New case</Link>
      </div>
    );
  }
  return (
    <div className="call-unknown">
      <p className="muted">Unknown number: no customer has it.</p>
      <Link to={newCaseLink(null, call.from)} className="button-link-styled button-small">
        New customer
      </Link>
    </div>
  );
}

/** The new-case page, filled in for this caller (see pages/new-case/caller-prefill.ts). */
function newCaseLink(customerNo: number | null, phone: string | null): string {
  const query = new URLSearchParams();
  if (customerNo !== null) query.set('customerNo', String(customerNo));
  if (phone !== null) query.set('phone', phone);
  const text = query.toString();
  return text === '' ? '/cases/new' : `/cases/new?${text}`;
}
