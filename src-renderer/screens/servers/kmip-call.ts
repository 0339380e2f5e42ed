import { useState } from 'react';
import type { Result } from '../../../src-main/contract';

/**
 * The console's calls: a failure is shown where the action was taken (the dialog or the pane),
 * with its code, rather than as a passing notice.
 */
export function useKmipCall() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async <T>(call: Promise<Result<T>> | undefined): Promise<T | null> => {
    if (!call) return null;
    setBusy(true);
    setError(null);
    try {
      const result = await call;
      if (result.ok) return result.value;
      setError(`${result.code}: ${result.message}`);
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
