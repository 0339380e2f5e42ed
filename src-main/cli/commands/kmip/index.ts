import type { Command } from 'commander';
import type { CliContext } from '../../context';
import { kmipCodecCommands } from './codec';
import { kmipOperationCommands } from './ops';

/** `custos kmip`: operations on key servers (the station's pair, one registered server, or raw), and the codec. */
export function kmipCommands(program: Command, ctx: CliContext): void {
  const kmip = program
    .command('kmip')
    .description(
      "Talk KMIP to the station's key servers (or, with --address, to any server over mutual TLS), and convert KMIP messages",
    );
  kmipOperationCommands(kmip, ctx);
  kmipCodecCommands(kmip, ctx);
}
