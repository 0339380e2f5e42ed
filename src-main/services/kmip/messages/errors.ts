import { KmipMessageCode, fail } from '../../../contract';

export function checkBatchCount(stated: number, actual: number, kind: 'request' | 'response'): void {
  if (stated !== actual) {
    fail(KmipMessageCode.BatchCount, `The KMIP ${kind} says it holds ${stated} batch items but holds ${actual}.`);
  }
}
