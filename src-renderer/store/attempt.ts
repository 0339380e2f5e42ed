import type { Result } from '../../src-main/contract';
import type { Notify } from './ui-slice';

/**
 * Unwraps a call's Result. The place the action was taken (the open dialog, else the page) is
 * noted when the call starts: a failure shows its code and sentence there, a success clears
 * the error this action left there before. Returns null on failure.
 */
export async function attempt<T>(
  call: (Promise<Result<T>> & { readonly action?: string }) | undefined,
  notify: Notify | ((kind: 'error', text: string) => void),
): Promise<T | null> {
  if (!call) return null;
  const scoped = 'settle' in notify ? notify : null;
  const place = scoped ? scoped.place() : null;
  const action = call.action;
  const result = await call;
  if (result.ok) {
    scoped?.settle(place, action);
    return result.value;
  }
  if (scoped) scoped('error', result.message, { code: result.code, place, action });
  else notify('error', result.message);
  return null;
}
