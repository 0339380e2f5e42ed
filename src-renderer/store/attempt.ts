import type { Result } from '../../src-main/contract';
import type { Notify } from './ui-slice';

/**
 * Who started a call. An `action` is the custodian's own (a button, a form): its failure shows
 * where it was taken. A `refresh` re-reads what a screen shows (on mount, after a change, on a
 * push): nobody asked for it from the open dialog, so its failure goes to the page's banner. A
 * `poll` repeats by itself: a failure says nothing, the next round or the screen's own read will.
 */
export type Origin = 'action' | 'refresh' | 'poll';

/**
 * Unwraps a call's Result. The place the action was taken (the open dialog, else the page) is
 * noted when the call starts: a failure shows its code and sentence there, a success clears
 * the error this action left there before. Returns null on failure.
 */
export async function attempt<T>(
  call: (Promise<Result<T>> & { readonly action?: string }) | undefined,
  notify: Notify | ((kind: 'error', text: string) => void),
  origin: Origin = 'action',
): Promise<T | null> {
  if (!call) return null;
  const scoped = 'settle' in notify ? notify : null;
  const place = origin === 'action' && scoped ? scoped.place() : null;
  const action = call.action;
  const result = await call;
  if (result.ok) {
    scoped?.settle(place, action);
    return result.value;
  }
  if (origin === 'poll') return null;
  if (scoped) scoped('error', result.message, { code: result.code, place, action });
  else notify('error', result.message);
  return null;
}
