/**
 * The calls the pop-up shows: incoming calls that ring for this member (the
 * admins' call routes decide; see Admin → Telephony), still ringing or answered
 * (those already going when the page loaded, then each new one from live
 * events), kept in place as they are answered and end. An ended call stays a
 * little while so staff see how it ended, then goes; Dismiss removes one at
 * once, and a late or repeated event never brings it back.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { listCalls } from '../api/phone';
import type { Call } from '../api/types';
import { mergeCall } from './calls';
import { useLiveEvents } from './use-live';

const ENDED_SHOWN_MS = 2 * 60_000;
const LOADED = 50;

export interface CallPops {
  calls: Call[];
  dismiss: (callId: string) => void;
}

export function useCallPops(): CallPops {
  const [calls, setCalls] = useState<Call[]>([]);
  const gone = useRef(new Set<string>());
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((callId: string) => {
    gone.current.add(callId);
    clearTimeout(timers.current.get(callId));
    timers.current.delete(callId);
    setCalls((now) => now.filter((c) => c.callId !== callId));
  }, []);

  /** A shown call is updated; `mayOpen` says whether one not shown gets a card. */
  const put = useCallback((call: Call, mayOpen: boolean) => {
    if (call.direction !== 'in' || gone.current.has(call.callId)) return;
    // Routed elsewhere once its queue or number was known: a card shown for it goes.
    if (!call.ringsForYou) {
      setCalls((now) => now.filter((c) => c.callId !== call.callId));
      return;
    }
    setCalls((now) => {
      const shown = now.some((c) => c.callId === call.callId);
      // An end heard of for a call never shown is not news worth a pop.
      if (!shown && (call.state === 'ended' || !mayOpen)) return now;
      return mergeCall(now, call);
    });
  }, []);

  // On load and after the stream missed events: calls going on get a card, shown ones update.
  const refresh = useCallback(() => {
    // The server ends calls whose PBX went silent, so what is not ended is going on.
    listCalls('all', LOADED).then((items) => {
      for (const call of items) put(call, call.state !== 'ended');
    }, () => undefined);
  }, [put]);

  useEffect(refresh, [refresh]);
  useEffect(() => {
    for (const call of calls) {
      if (call.state !== 'ended' || timers.current.has(call.callId)) continue;
      timers.current.set(call.callId, setTimeout(() => dismiss(call.callId), ENDED_SHOWN_MS));
    }
  }, [calls, dismiss]);
  useEffect(() => {
    const pending = timers.current;
    return () => {
      pending.forEach((timer) => clearTimeout(timer));
      pending.clear();
    };
  }, []);
  useLiveEvents({ call: (call) => put(call, true), resync: refresh });

  return { calls, dismiss };
}
