import { readFileSync, statSync } from 'node:fs';
import { fail, CliCode } from '../contract';

/** Reads an input file with a size cap checked before reading, so a wrong path to a disk image fails fast. */
export function readInputFile(path: string, maxBytes: number, what: string): Buffer {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    fail(
      CliCode.InputUnreadable,
      `Custos cannot read the ${what} ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'}).`,
    );
  }
  if (size > maxBytes)
    fail(CliCode.InputTooLarge, `The ${what} ${path} is ${size} bytes; at most ${maxBytes} are accepted.`);
  return readFileSync(path);
}
