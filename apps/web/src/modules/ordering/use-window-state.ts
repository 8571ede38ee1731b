import type { CurrentOrderResponse } from '@siyi/contracts';
import { useEffect, useState } from 'react';
import { msUntilClose, type WindowState, windowState } from './order-draft';

/**
 * The order window's state now, drawn again when an open window's closing time passes while the page is open (the
 * form then stops offering changes the server would refuse).
 */
export function useWindowState(orderWindow: CurrentOrderResponse['window']): WindowState {
  const [, setTick] = useState(0);
  const state = windowState(orderWindow, Date.now());
  const closesAt = state.kind === 'open' ? state.closesAt : null;
  useEffect(() => {
    if (closesAt === null) return;
    const wait = msUntilClose({ kind: 'open', closesAt }, Date.now());
    if (wait === null) return;
    const timer = setTimeout(() => setTick((n) => n + 1), wait);
    return () => clearTimeout(timer);
  }, [closesAt]);
  return state;
}
