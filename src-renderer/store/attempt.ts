import type { Result } from '../../src-main/contract';

/** Unwraps a call's Result; on failure shows its sentence and returns null. */
export async function attempt<T>(
  call: Promise<Result<T>> | undefined,
  notify: (kind: 'error', text: string) => void,
): Promise<T | null> {
  if (!call) return null;
  const result = await call;
  if (result.ok) return result.value;
  notify('error', result.message);
  return null;
}
