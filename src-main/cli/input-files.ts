import { readFileSync, statSync } from 'node:fs';
import { CustosError } from '../contract';

/** Reads an input file with a size cap checked before reading, so a wrong path to a disk image fails fast. */
export function readInputFile(path: string, maxBytes: number, what: string): Buffer {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    throw new CustosError(
      'INPUT_UNREADABLE',
      `Custos cannot read the ${what} ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'}).`,
    );
  }
  if (size > maxBytes)
    throw new CustosError('INPUT_TOO_LARGE', `The ${what} ${path} is ${size} bytes; at most ${maxBytes} are accepted.`);
  return readFileSync(path);
}
