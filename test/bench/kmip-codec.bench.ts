// Benchmark: the KMIP TTLV codec, decode + encode of a corpus of real messages.
//   Custos decodeTtlv + encodeTtlv against PyKMIP 0.10's own codec on the same bytes
//   (RequestMessage / ResponseMessage .read(BytearrayStream) then .write(BytearrayStream())),
//   timed inside Python by test/bench/pykmip_peer.py. Target: Custos 30x PyKMIP's throughput.
// Corpus: every OASIS 1.0 - 1.3 test-case message without placeholders, the PyKMIP wire captures,
// 100 built Get responses with AES-256 key material; and, measured on its own, a built Locate
// response with 1,000 Unique Identifiers. Both sides time only the messages PyKMIP can read and
// write (it lacks many operations and attributes of the OASIS cases); the note says how many.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  byteString,
  dateTime,
  decodeTtlv,
  encodeTtlv,
  enumeration,
  integer,
  Operation,
  readKmipXmlTemplates,
  requireConcrete,
  structure,
  Tag,
  textString,
  type TtlvNode,
} from '../../src-main/services/kmip';
import { tempDir } from '../helpers/temp';
import { formatMs, median, progress, timedCommand } from './measure';
import { printNote, printRow } from './table-row';

const RUNS = 7;
const PYTHON = '/usr/bin/python3';
const PEER = join('test', 'bench', 'pykmip_peer.py');
const FIXTURES = join('test', 'fixtures', 'kmip');
/** Copies of the Locate response per timed pass, so one pass lasts long enough to time. */
const LOCATE_COPIES = 20;
/** Custos goes through the corpus this many times per timed sample (one pass takes a few ms); a sample is divided back to one pass. */
const CUSTOS_REPEAT = 20;

function files(dir: string, ext: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path, ext) : name.endsWith(ext) ? [path] : [];
    });
}

/** Every OASIS test-case message whose values are all concrete, as TTLV bytes. */
function oasisMessages(): { messages: Buffer[]; skipped: number; unreadable: number } {
  const messages: Buffer[] = [];
  let skipped = 0;
  let unreadable = 0;
  for (const path of files(join(FIXTURES, 'testcases'), '.xml')) {
    let templates;
    try {
      templates = readKmipXmlTemplates(readFileSync(path, 'utf8'));
    } catch {
      unreadable++;
      continue;
    }
    for (const template of templates) {
      try {
        messages.push(encodeTtlv(requireConcrete(template)));
      } catch {
        skipped++; // a $NOW / $UNIQUE_IDENTIFIER_n placeholder
      }
    }
  }
  return { messages, skipped, unreadable };
}

function wireMessages(): Buffer[] {
  return files(join(FIXTURES, 'wire'), '.hex').map((path) => Buffer.from(readFileSync(path, 'utf8').trim(), 'hex'));
}

function responseMessage(operation: number, payload: TtlvNode[]): Buffer {
  return encodeTtlv(
    structure(Tag.ResponseMessage, [
      structure(Tag.ResponseHeader, [
        structure(Tag.ProtocolVersion, [integer(Tag.ProtocolVersionMajor, 1), integer(Tag.ProtocolVersionMinor, 2)]),
        dateTime(Tag.TimeStamp, new Date()),
        integer(Tag.BatchCount, 1),
      ]),
      structure(Tag.BatchItem, [
        enumeration(Tag.Operation, operation),
        enumeration(Tag.ResultStatus, 0),
        structure(Tag.ResponsePayload, payload),
      ]),
    ]),
  );
}

/** A Locate response naming 1,000 objects (UUIDs, as many servers use). */
function locateResponse(): Buffer {
  const ids = Array.from({ length: 1000 }, () => textString(Tag.UniqueIdentifier, crypto.randomUUID()));
  return responseMessage(Operation.Locate, ids);
}

/** A Get response carrying a fresh AES-256 key in Raw format. */
function getResponse(n: number): Buffer {
  return responseMessage(Operation.Get, [
    enumeration(Tag.ObjectType, 2), // Symmetric Key
    textString(Tag.UniqueIdentifier, String(1000 + n)),
    structure(Tag.SymmetricKey, [
      structure(Tag.KeyBlock, [
        enumeration(Tag.KeyFormatType, 1), // Raw
        structure(Tag.KeyValue, [byteString(Tag.KeyMaterial, randomBytes(32))]),
        enumeration(Tag.CryptographicAlgorithm, 3), // AES
        integer(Tag.CryptographicLength, 256),
      ]),
    ]),
  ]);
}

interface PeerCodec {
  accepted: number[];
  errors: Record<string, number>;
  ms: number[];
}

function pykmipCodec(corpus: readonly Buffer[], scratch: string, name: string): PeerCodec {
  const file = join(scratch, `${name}.hex`);
  writeFileSync(file, corpus.map((m) => m.toString('hex')).join('\n') + '\n');
  return JSON.parse(timedCommand(PYTHON, [PEER, 'codec', file, String(RUNS)]).stdout) as PeerCodec;
}

/** Milliseconds per pass of decode + encode over the corpus: warm-up passes, then RUNS timed ones. */
function custosCodec(corpus: readonly Buffer[]): number[] {
  const pass = () => {
    for (const bytes of corpus) {
      const out = encodeTtlv(decodeTtlv(bytes));
      if (out.length !== bytes.length) throw new Error('The codec changed a message length.');
    }
  };
  for (let i = 0; i < 3; i++) pass();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    for (let r = 0; r < CUSTOS_REPEAT; r++) pass();
    times.push((performance.now() - started) / CUSTOS_REPEAT);
  }
  return times;
}

function rate(count: number, bytes: number, ms: number): { perSecond: number; text: string } {
  const perSecond = count / (ms / 1000);
  const mbPerSecond = bytes / 1e6 / (ms / 1000);
  const messages = perSecond >= 10_000 ? `${(perSecond / 1000).toFixed(0)}k` : perSecond.toFixed(0);
  return {
    perSecond,
    text: `${messages} msg/s, ${mbPerSecond.toFixed(1)} MB/s (${formatMs(ms)}/pass, median of ${RUNS})`,
  };
}

function compare(
  benchmark: string,
  corpus: readonly Buffer[],
  scratch: string,
  name: string,
): { peer: PeerCodec; kept: Buffer[] } {
  progress(`${benchmark}: PyKMIP, ${RUNS} passes over ${corpus.length} messages`);
  const peer = pykmipCodec(corpus, scratch, name);
  const kept = peer.accepted.map((i) => corpus[i] as Buffer);
  progress(`  PyKMIP read + wrote ${kept.length} of ${corpus.length}; per pass ${peer.ms.map(formatMs).join(', ')}`);
  const custos = custosCodec(kept);
  progress(`  Custos per pass ${custos.map(formatMs).join(', ')}`);
  const bytes = kept.reduce((sum, m) => sum + m.length, 0);
  const c = rate(kept.length, bytes, median(custos));
  const p = rate(kept.length, bytes, median(peer.ms));
  const ratio = c.perSecond / p.perSecond;
  printRow({
    benchmark: `${benchmark} (${kept.length} messages, ${(bytes / 1024).toFixed(0)} KiB): decodeTtlv + encodeTtlv`,
    peer: 'PyKMIP 0.10 RequestMessage/ResponseMessage read + write (python3.11)',
    custos: c.text,
    peerValue: p.text,
    ratio: `${ratio.toFixed(1)}x throughput`,
    target: '≥ 30x throughput',
    met: ratio >= 30,
  });
  return { peer, kept };
}

function main(): void {
  const scratch = tempDir('custos-bench-kmip-codec-');
  try {
    const oasis = oasisMessages();
    const wire = wireMessages();
    const gets = Array.from({ length: 100 }, (_, i) => getResponse(i));
    const corpus = [...oasis.messages, ...wire, ...gets];
    progress(
      `KMIP codec: ${oasis.messages.length} OASIS messages (${oasis.skipped} with placeholders skipped, ${oasis.unreadable} files unreadable), ${wire.length} wire captures, ${gets.length} Get responses`,
    );
    const mixed = compare(
      'KMIP codec, OASIS 1.0-1.3 vectors + PyKMIP wire captures + Get responses',
      corpus,
      scratch.path,
      'corpus',
    );
    const locate = locateResponse();
    const big = compare(
      `KMIP codec, Locate response with 1,000 Unique Identifiers x ${LOCATE_COPIES}`,
      Array.from({ length: LOCATE_COPIES }, () => locate),
      scratch.path,
      'locate',
    );
    const errors = Object.entries(mixed.peer.errors)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    printNote(
      `KMIP codec: one message = decode + re-encode; both sides time the same bytes, in-process (Python start and imports excluded), median of ${RUNS} samples after warm-up (a PyKMIP sample is one pass over the corpus; a Custos sample is ${CUSTOS_REPEAT} passes, divided by ${CUSTOS_REPEAT}). ` +
        `Corpus: ${oasis.messages.length} of the OASIS test-case messages (${oasis.skipped} hold $NOW/$UNIQUE_IDENTIFIER placeholders and were skipped), ${wire.length} PyKMIP wire captures, ${gets.length} built Get responses (AES-256, Raw); ` +
        `PyKMIP could read and write ${mixed.kept.length} of those ${corpus.length}${errors ? ` (refused: ${errors})` : ''}, and only those are timed on both sides. ` +
        `The Locate row is one ${locate.length}-byte response (1,000 UUIDs) ${LOCATE_COPIES} times per pass (PyKMIP took ${big.kept.length}). ` +
        'Custos decodes to a generic TTLV tree; PyKMIP parses into its typed message objects.',
    );
  } finally {
    scratch.cleanup();
  }
}

main();
