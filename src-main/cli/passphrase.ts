import { readFileSync } from 'node:fs';
import { CustosError, fail, BoundaryCode, CliCode } from '../contract';
import type { CliIo } from './io';

export interface PassphraseSource {
  passphraseFile?: string;
}

/**
 * Passphrases never come from argv (it is visible to every process on the station):
 * --passphrase-file, then CUSTOS_PASSPHRASE, then a prompt at the terminal without echo.
 */
export async function readPassphrase(io: CliIo, source: PassphraseSource, prompt: string): Promise<string> {
  if (source.passphraseFile) {
    let text: string;
    try {
      text = readFileSync(source.passphraseFile, 'utf8');
    } catch {
      fail(CliCode.PassphraseFileUnreadable, `The passphrase file ${source.passphraseFile} cannot be read.`);
    }
    return nonEmpty(text.replace(/\r?\n$/, ''));
  }
  if (io.env.CUSTOS_PASSPHRASE !== undefined) return nonEmpty(io.env.CUSTOS_PASSPHRASE);
  if (!io.stdin.isTTY) {
    fail(
      CliCode.PassphraseRequired,
      'A passphrase is needed: give --passphrase-file FILE or set CUSTOS_PASSPHRASE when not at a terminal.',
    );
  }
  return nonEmpty(await promptHidden(io, prompt));
}

function nonEmpty(passphrase: string): string {
  if (passphrase.length === 0) fail(CliCode.PassphraseEmpty, 'The passphrase is empty.');
  return passphrase;
}

export function promptHidden(io: CliIo, prompt: string): Promise<string> {
  const stdin = io.stdin;
  io.stderr(prompt);
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (result: string | null) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      io.stderr('\n');
      if (result === null) reject(new CustosError(BoundaryCode.Cancelled, 'Cancelled at the passphrase prompt.'));
      else resolve(result);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(typed);
        if (ch === '\u0003' || ch === '\u0004') return done(null);
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}
