import type { Command } from 'commander';
import { fail, CliCode, KmipCodecCode } from '../../../contract';
import {
  TtlvFrameReader,
  decodeTtlv,
  encodeTtlv,
  kmipJsonItem,
  readKmipXml,
  redactSecrets,
  writeKmipXml,
  writeKmipXmlDocument,
  type TtlvNode,
} from '../../../services/kmip';
import type { CliContext } from '../../context';

const MAX_STDIN_BYTES = 16 * 1024 * 1024;

/** `custos kmip encode|decode`: KMIP XML to TTLV and back, no server involved. */
export function kmipCodecCommands(kmip: Command, ctx: CliContext): void {
  kmip
    .command('encode')
    .description('KMIP XML on stdin (one message, or a <KMIP> document of several) to TTLV hex, one line per message')
    .action(async () => {
      const nodes = readKmipXml((await readStdin(ctx)).toString('utf8'));
      const lines = nodes.map((node) => encodeTtlv(node).toString('hex'));
      ctx.print({ messages: lines }, () => lines.join('\n'));
    });

  kmip
    .command('decode')
    .option('--redact', 'replace key material and credentials by length and fingerprint')
    .description(
      'TTLV on stdin (binary, or hex with one message per line) to KMIP XML (a <KMIP> document when several)',
    )
    .action(async (o: { redact?: boolean }) => {
      const nodes = decodeMessages(await readStdin(ctx)).map((node) =>
        o.redact === true ? redactSecrets(node) : node,
      );
      ctx.print({ messages: nodes.map((node) => kmipJsonItem(node)) }, () =>
        (nodes.length === 1 && nodes[0] !== undefined ? writeKmipXml(nodes[0]) : writeKmipXmlDocument(nodes)).trimEnd(),
      );
    });
}

async function readStdin(ctx: CliContext): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.io.stdin) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += bytes.length;
    if (size > MAX_STDIN_BYTES)
      fail(CliCode.InputTooLarge, `Standard input holds more than ${MAX_STDIN_BYTES} bytes; at most that is accepted.`);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}
/** Hex lines (one message each) when the input is all hex digits and white space, else binary TTLV. */
function decodeMessages(input: Buffer): TtlvNode[] {
  const text = input.toString('latin1');
  if (/^[\s0-9A-Fa-f]*$/.test(text)) {
    const lines = text
      .split(/\r?\n/)
      .map((line) => line.replace(/\s+/g, ''))
      .filter((line) => line !== '');
    if (lines.length === 0) fail(CliCode.InputEmpty, 'Standard input holds no KMIP message.');
    return lines.map((line, i) => {
      if (line.length % 2 !== 0) fail(KmipCodecCode.TtlvTruncated, `Line ${i + 1} holds an odd number of hex digits.`);
      return decodeTtlv(Buffer.from(line, 'hex'));
    });
  }
  const reader = new TtlvFrameReader();
  const messages = reader.push(input);
  if (reader.pendingBytes > 0)
    fail(
      KmipCodecCode.TtlvTruncated,
      `The input ends with ${reader.pendingBytes} bytes that do not form a whole KMIP message.`,
    );
  return messages.map((message) => decodeTtlv(message));
}
