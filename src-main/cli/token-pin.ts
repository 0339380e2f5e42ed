import { readFileSync } from 'node:fs';
import { fail, TokenCode } from '../contract';
import type { EntryView } from '../contract';
import type { OpenStation } from '../services';
import type { CliContext } from './context';
import type { CliIo } from './io';
import { promptHidden } from './passphrase';

/**
 * A token's user PIN, asked at use: --pin-file, then CUSTOS_TOKEN_PIN, then a prompt without
 * echo. Never from argv (every process on the station can read it).
 */
export async function readTokenPin(io: CliIo, pinFile: string | undefined, tokenName: string): Promise<string> {
  if (pinFile) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(pinFile);
    } catch {
      fail(TokenCode.PinFileUnreadable, `The PIN file ${pinFile} cannot be read.`);
    }
    try {
      return nonEmpty(bytes.toString('utf8').replace(/\r?\n$/, ''));
    } finally {
      bytes.fill(0);
    }
  }
  if (io.env.CUSTOS_TOKEN_PIN !== undefined) return nonEmpty(io.env.CUSTOS_TOKEN_PIN);
  if (!io.stdin.isTTY) {
    fail(
      TokenCode.PinRequired,
      `The user PIN of the token "${tokenName}" is needed: give --pin-file FILE or set CUSTOS_TOKEN_PIN when not at a terminal.`,
    );
  }
  return nonEmpty(await promptHidden(io, `User PIN of the token "${tokenName}": `));
}

/** Logs in unless already logged in (this process, or a PIN the custodian chose to keep in the OS keychain). */
export async function loginToken(io: CliIo, station: OpenStation, name: string, pinFile?: string): Promise<void> {
  if (station.tokens.isLoggedIn(name) || station.tokens.loginFromKeychain(name)) return;
  station.tokens.login(name, await readTokenPin(io, pinFile, name));
}

function nonEmpty(pin: string): string {
  if (pin.length === 0) fail(TokenCode.PinRequired, 'The PIN is empty.');
  return pin;
}

export interface TokenOption {
  token?: string;
  pinFile?: string;
}

/** `custos keystore create-kek --token NAME`: the pair is generated on the token. */
export async function createKekOnToken(
  ctx: CliContext,
  s: OpenStation,
  o: { label: string; token: string; pinFile?: string; bits: 2048 | 3072 | 4096; subject?: string; days: number },
): Promise<EntryView> {
  await loginToken(ctx.io, s, o.token, o.pinFile);
  return s.tokens.createKek({ token: o.token, label: o.label, bits: o.bits, subject: o.subject, days: o.days });
}
