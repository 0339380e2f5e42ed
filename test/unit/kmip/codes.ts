import { CustosError } from '../../../src-main/contract/errors';

/** The code of the CustosError `run` throws; any other outcome fails the test. */
export function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof CustosError) return error.code;
    throw error;
  }
  throw new Error('expected a CustosError, but nothing was thrown');
}
