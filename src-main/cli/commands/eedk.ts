import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import type { KeyLabelEncoding } from '../../services/eedk';
import type { CliContext } from '../context';
import { readInputFile } from '../input-files';

interface KekChoice {
  label: string;
  encoding: KeyLabelEncoding;
}

export function eedkCommands(program: Command, ctx: CliContext): void {
  const eedk = program
    .command('eedk')
    .description('Externally encrypted data keys: a data key wrapped under one or two KEKs');

  eedk
    .command('wrap')
    .description('Wrap a fresh (or given) AES-256 data key under one or two KEKs')
    .requiredOption(
      '--kek <label[:L|H]>',
      'a KEK and its label encoding: L (clear label) or H (public key hash, the default); give twice for two sites',
      collectKek,
      [],
    )
    .option('--dk-file <file>', 'wrap this 32-byte data key instead of a fresh one')
    .requiredOption('--out <file>', 'where to write the EEDK file')
    .action((o: { kek: KekChoice[]; dkFile?: string; out: string }) =>
      ctx.withUnlockedStation((s) => {
        const dataKey = o.dkFile ? readInputFile(o.dkFile, 1024, 'data key file') : undefined;
        const { file, kcv } = s.eedk.wrap({ keks: o.kek, dataKey });
        ctx.writeOutput(o.out, file, false);
        ctx.print(
          { out: o.out, kcv, keks: o.kek },
          () =>
            `Wrote ${o.out}: the data key (KCV ${kcv}) wrapped under ${o.kek.map((k) => `"${k.label}" (${k.encoding})`).join(' and ')}.`,
        );
      }),
    );

  eedk
    .command('unwrap')
    .argument('<file>', 'an EEDK file')
    .option(
      '--out-dk <file>',
      'write the unwrapped data key here (mode 0600); without it only its check value is shown',
    )
    .description('Unwrap an EEDK file with whichever KEK this station holds')
    .action((path: string, o: { outDk?: string }) =>
      ctx.withUnlockedStation((s) => {
        const result = s.eedk.unwrap(readInputFile(path, 64 * 1024, 'EEDK file'));
        try {
          if (o.outDk) ctx.writeOutput(o.outDk, result.dataKey, true);
        } finally {
          result.dataKey.fill(0);
        }
        const summary = {
          kekLabel: result.kekLabel,
          encoding: result.encoding,
          kcv: result.kcv,
          outDk: o.outDk ?? null,
        };
        ctx.print(
          summary,
          () =>
            `Unwrapped with "${result.kekLabel}" (encoding ${result.encoding}); data key KCV ${result.kcv}${o.outDk ? `, written to ${o.outDk}` : ''}.`,
        );
      }),
    );
}

const ENCODINGS = 'L (clear label) or H (public key hash)';

/**
 * LABEL, LABEL:L or LABEL:H. A short word after the last colon that is no encoding ("L:X")
 * (a single letter) is refused here, by name, before any key is looked up: otherwise "L" would be reported as an
 * unknown key when it is the encoding that is wrong.
 */
export function collectKek(value: string, previous: KekChoice[]): KekChoice[] {
  const match = /^(.*):([A-Za-z])$/.exec(value);
  const encoding = match?.[2]?.toUpperCase();
  if (match && encoding !== 'L' && encoding !== 'H') {
    const reversed = /^[LHlh]$/.test(match[1] ?? '')
      ? ` The encoding goes after the label: --kek ${match[2]}:${match[1]?.toUpperCase()}.`
      : '';
    throw new InvalidArgumentError(`"${match[2]}" is not a key label encoding: use ${ENCODINGS}.${reversed}`);
  }
  const choice: KekChoice =
    match?.[1] && encoding
      ? { label: match[1], encoding: encoding as KeyLabelEncoding }
      : { label: value, encoding: 'H' };
  if (!choice.label) throw new InvalidArgumentError('a KEK label is needed before ":".');
  if (previous.length >= 2) throw new InvalidArgumentError('at most two KEKs.');
  return [...previous, choice];
}
