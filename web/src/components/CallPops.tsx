/**
 * The phone pop-up on every staff page: incoming calls appear at the top
 * right, under the top bar, as they ring, with the caller's customers and open cases, and change
 * in place as they are answered and end. It never takes keyboard focus (staff
 * may be typing); a polite status line announces each new call, and the
 * cards come right after the top bar in Tab order. The Phone page shows the
 * same calls itself, so the pop-up stays out of the way there.
 */
import { useEffect, useRef, useState } from 'react';
import type { Call } from '../api/types';
import { callerLabel, displayName } from '../lib/format';
import { useCallPops } from '../lib/use-call-pops';
import { Link, useLocation } from '../router';
import { CallCard } from './CallCard';

const CARDS_SHOWN = 3;
const CASES_SHOWN = 5;

export function CallPops() {
  const { calls, dismiss } = useCallPops();
  const dismissOne = useRefocusAfterDismiss(calls, dismiss);
  const { path } = useLocation();
  const announcement = useAnnouncement(calls);
  // Calls still going come first (sort is stable: newest first within each group).
  const ordered = [...calls].sort((a, b) => Number(a.state === 'ended')
    - Number(b.state === 'ended'));
  const shown = ordered.slice(0, CARDS_SHOWN);
  const hidden = path === '/phone' || calls.length === 0;

  return (
    <>
      <p className="sr-only" role="status">{announcement}</p>
      {!hidden && (
        <div className="call-pops-anchor no-print">
          <aside className="call-pops" aria-label="Calls">
            {shown.map((call) => (
              <CallCard key={call.callId} call={call} headingLevel={2}
                casesShown={CASES_SHOWN} actions={
                  <button type="button" className="button-secondary button-small"
                    aria-label={`Dismiss call from ${callerLabel(call)}`}
                    onClick={() => dismissOne(call.callId)}>
                    Dismiss
                  </button>
                } />
            ))}
            {calls.length > shown.length && (
              <p className="call-pops-more">
                <Link to="/phone">{calls.length - shown.length} more on the Phone page</Link>
              </p>
            )}
          </aside>
        </div>
      )}
    </>
  );
}

/**
 * The Dismiss button goes with its card; keyboard focus moves on to the next
 * card's Dismiss, or to the page when none is left, not back to the document.
 */
function useRefocusAfterDismiss(calls: Call[], dismiss: (callId: string) => void) {
  const refocus = useRef(false);
  useEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    const next = document.querySelector<HTMLElement>('.call-pops .call-actions button');
    (next ?? document.getElementById('main'))?.focus({ preventScroll: true });
  }, [calls]);
  return (callId: string) => {
    refocus.current = true;
    dismiss(callId);
  };
}

/** "Call from +1 212 555 0161: Carla Customer" once for each call that starts ringing. */
function useAnnouncement(calls: Call[]): string {
  const [text, setText] = useState('');
  const told = useRef(new Set<string>());
  useEffect(() => {
    const fresh = calls.find((c) => c.state === 'ringing' && !told.current.has(c.callId));
    if (!fresh) return;
    calls.forEach((c) => told.current.add(c.callId));
    const names = fresh.matches.map((m) => displayName(m.customer.name)).join(', ');
    setText(`Call from ${callerLabel(fresh)}${names ? `: ${names}` : ''}`);
  }, [calls]);
  return text;
}
