import { describe, it, expect } from 'vitest';
import { CustosError } from '../../../src-main/contract/errors';
import { readRequestMessage, readResponseMessage } from '../../../src-main/services/kmip/messages';
import { Tag } from '../../../src-main/services/kmip/spec';
import {
  decodeTtlv,
  encodeTtlv,
  fillTemplate,
  readKmipXml,
  readKmipXmlTemplates,
  ttlvEqual,
  writeKmipXml,
  type TtlvNode,
} from '../../../src-main/services/kmip/ttlv';
import { fixturePlaceholderValue, oasisTestCaseFiles, wireMessages } from './fixtures';

/** mulberry32: a small seeded generator, so every run mutates the same way. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ITERATIONS = 120_000;
const DECODER_CODES = new Set([
  'KMIP_TTLV_TRUNCATED',
  'KMIP_TTLV_BAD_LENGTH',
  'KMIP_TTLV_BAD_PADDING',
  'KMIP_TTLV_BAD_TYPE',
  'KMIP_TTLV_BAD_VALUE',
  'KMIP_TTLV_TOO_LARGE',
  'KMIP_TTLV_TOO_DEEP',
  'KMIP_TTLV_TRAILING_BYTES',
]);
const INTERESTING_BYTES = [0x00, 0x01, 0x07, 0x08, 0x0b, 0x0c, 0x42, 0x54, 0x7f, 0x80, 0xfe, 0xff];
const INTERESTING_LENGTHS = [0, 1, 4, 7, 8, 9, 16, 0x7fffffff, 0x80000000, 0xfffffff8, 0xffffffff, 0x00400000];

function corpus(): Buffer[] {
  const fromWire = wireMessages().map((message) => message.bytes);
  // Every fifth OASIS message, encoded: wide coverage of tags and types at a modest cost.
  const fromTestCases = oasisTestCaseFiles()
    .flatMap((file) => readKmipXmlTemplates(file.text))
    .filter((_message, i) => i % 5 === 0)
    .map((template) => encodeTtlv(fillTemplate(template, fixturePlaceholderValue)));
  return [...fromWire, ...fromTestCases];
}

function structureHeader(length: number): Buffer {
  const header = Buffer.from('42007801', 'hex');
  return Buffer.concat([
    header,
    Buffer.from([length >>> 24, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff]),
  ]);
}

function mutate(original: Buffer, random: () => number): Buffer {
  const pick = (n: number): number => Math.floor(random() * n);
  let bytes = Buffer.from(original);
  const rounds = 1 + pick(4);
  for (let round = 0; round < rounds; round++) {
    const at = pick(Math.max(bytes.length, 1));
    switch (pick(9)) {
      case 0: // flip one bit
        if (bytes.length > 0) bytes[at] = (bytes[at] ?? 0) ^ (1 << pick(8));
        break;
      case 1: // set one byte to something random or interesting
        if (bytes.length > 0)
          bytes[at] = random() < 0.5 ? pick(256) : (INTERESTING_BYTES[pick(INTERESTING_BYTES.length)] ?? 0);
        break;
      case 2: // insert a few bytes
        bytes = Buffer.concat([
          bytes.subarray(0, at),
          Buffer.from(Array.from({ length: 1 + pick(16) }, () => pick(256))),
          bytes.subarray(at),
        ]);
        break;
      case 3: // delete a range
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + pick(16))]);
        break;
      case 4: // truncate
        bytes = bytes.subarray(0, pick(bytes.length + 1));
        break;
      case 5: // rewrite the length field of an item header (items sit on 8-byte boundaries)
        if (bytes.length >= 8) {
          const header = pick(Math.floor(bytes.length / 8)) * 8;
          const length = random() < 0.5 ? pick(2 ** 32) : (INTERESTING_LENGTHS[pick(INTERESTING_LENGTHS.length)] ?? 0);
          if (header + 8 <= bytes.length) bytes.writeUInt32BE(length, header + 4);
        }
        break;
      case 6: // change an item's type byte
        if (bytes.length >= 8) {
          const header = pick(Math.floor(bytes.length / 8)) * 8 + 3;
          if (header < bytes.length) bytes[header] = pick(13);
        }
        break;
      case 7: // duplicate a chunk
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at, at + 8 * (1 + pick(4))), bytes.subarray(at)]);
        break;
      case 8: // wrap in more Structures, to reach the nesting cap
        for (let wraps = 1 + pick(40); wraps > 0; wraps--)
          bytes = Buffer.concat([structureHeader(bytes.length), bytes]);
        break;
    }
  }
  // Half the time the outer length is made to fit, so the checks inside the message get exercised.
  if (random() < 0.5 && bytes.length >= 8) bytes.writeUInt32BE(bytes.length - 8, 4);
  return bytes;
}

/** Any exception other than a CustosError is a decoder bug; this reports which input caused it. */
function expectOnlyCustosErrors(run: () => void, input: Buffer, allowed?: ReadonlySet<string>): boolean {
  try {
    run();
    return true;
  } catch (error) {
    if (!(error instanceof CustosError)) {
      throw new Error(`non-CustosError for input ${input.toString('hex')}: ${String(error)}`, { cause: error });
    }
    if (allowed !== undefined && !allowed.has(error.code)) {
      throw new Error(`unexpected code ${error.code} for input ${input.toString('hex')}`, { cause: error });
    }
    return false;
  }
}

describe('decoding mutated and truncated KMIP messages', () => {
  const messages = corpus();

  it('gives KMIP_TTLV_TRUNCATED for every strict prefix of every captured message', () => {
    for (const { bytes } of wireMessages()) {
      for (let length = 0; length < bytes.length; length++) {
        const prefix = bytes.subarray(0, length);
        expect(expectOnlyCustosErrors(() => decodeTtlv(prefix), prefix, new Set(['KMIP_TTLV_TRUNCATED']))).toBe(false);
      }
    }
  });

  it(`survives ${ITERATIONS} seeded mutations with only CustosErrors, in bounded time and memory`, () => {
    const random = seededRandom(0xc0d3c);
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    let decoded = 0;
    let slowest = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const input = mutate(messages[Math.floor(random() * messages.length)] ?? Buffer.alloc(0), random);
      const started = performance.now();
      let tree: TtlvNode | undefined;
      expectOnlyCustosErrors(
        () => {
          tree = decodeTtlv(input);
        },
        input,
        DECODER_CODES,
      );
      slowest = Math.max(slowest, performance.now() - started);
      if (tree !== undefined) {
        decoded++;
        const accepted = tree;
        // Whatever the decoder accepts, the encoder writes back and the decoder reads again unchanged.
        expect(ttlvEqual(decodeTtlv(encodeTtlv(accepted)), accepted)).toBe(true);
        // The typed layer and the XML writer meet the same trees with CustosErrors only.
        expectOnlyCustosErrors(
          () => (accepted.tag === Tag.RequestMessage ? readRequestMessage(accepted) : readResponseMessage(accepted)),
          input,
        );
        if (i % 16 === 0) {
          expectOnlyCustosErrors(
            () => {
              const [reread] = readKmipXml(writeKmipXml(accepted));
              expect(reread !== undefined && ttlvEqual(reread, accepted)).toBe(true);
            },
            input,
            new Set(['KMIP_XML_UNREPRESENTABLE']),
          );
        }
      }
      if (i % 10_000 === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }
    // Some mutations must still decode, or the fuzzer only exercises the first checks.
    expect(decoded).toBeGreaterThan(ITERATIONS / 50);
    // Decoding is linear in the input; a generous bound still catches a loop that never ends.
    expect(slowest).toBeLessThan(1000);
    expect(heapPeak - heapBefore).toBeLessThan(256 * 1024 * 1024);
  }, 120_000);
});
