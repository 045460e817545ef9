/**
 * The phone panel: calls going on now, each with the caller's customers and
 * open cases, and below them the call log, newest first, with missed calls
 * marked and who answered. Both follow live `call` events; after the stream
 * missed some, the log is fetched again.
 */
import { listCalls } from '../api/phone';
import { CallCard } from '../components/CallCard';
import { LoadError, Loading } from '../components/LoadState';
import { mergeCall } from '../lib/calls';
import { useLiveEvents } from '../lib/use-live';
import { useLoad } from '../lib/use-load';
import { useTitle } from '../lib/use-title';
import { CallLog } from './phone/CallLog';

const LOG_SIZE = 100;
const CASES_SHOWN = 20;

export function PhonePage() {
  useTitle('Phone');
  const log = useLoad((signal) => listCalls('all', LOG_SIZE, signal), []);
  const calls = log.data;
  useLiveEvents({
    call: (call) => log.setData((now) => now && mergeCall(now, call).slice(0, LOG_SIZE)),
    resync: log.reload,
  });
  const current = calls?.filter((c) => c.state !== 'ended') ?? [];

  return (
    <section className="page">
      <h1>Phone</h1>
      {log.error ? <LoadError error={log.error} retry={log.reload} />
        : !calls ? <Loading what="Loading calls" /> : (
          <>
            <section aria-labelledby="current-calls">
              <h2 id="current-calls">Calls now</h2>
              {current.length === 0 ? (
                <p className="muted" data-testid="no-calls">
                  No calls right now. Incoming calls show up here and at the top right of every
                  page as they ring.
                </p>
              ) : (
                <div className="call-grid">
                  {current.map((call) => (
                    <CallCard key={call.callId} call={call} headingLevel={3}
                      casesShown={CASES_SHOWN} />
                  ))}
                </div>
              )}
            </section>
            <section aria-labelledby="call-log">
              <h2 id="call-log">Call log</h2>
              <CallLog calls={calls} />
            </section>
          </>
        )}
    </section>
  );
}
