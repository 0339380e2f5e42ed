import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TtlvPlaceholder } from '../../../src-main/services/kmip/ttlv';

/** Fixtures live in test/fixtures/kmip (see the README there for where they came from). */
export const KMIP_FIXTURES = fileURLToPath(new URL('../../fixtures/kmip/', import.meta.url));

export interface TestCaseFile {
  /** "v1.2/TC_311_12_Create_Destroy.xml" */
  readonly name: string;
  readonly text: string;
}

export function oasisTestCaseFiles(): TestCaseFile[] {
  const root = `${KMIP_FIXTURES}testcases`;
  return readdirSync(root)
    .filter((entry) => entry.startsWith('v'))
    .sort()
    .flatMap((version) =>
      readdirSync(`${root}/${version}`)
        .filter((file) => file.endsWith('.xml'))
        .sort()
        .map((file) => ({ name: `${version}/${file}`, text: readFileSync(`${root}/${version}/${file}`, 'utf8') })),
    );
}

export interface WireMessage {
  /** "kmip1.2-create.request" */
  readonly name: string;
  readonly bytes: Buffer;
}

export function wireMessages(): WireMessage[] {
  const root = `${KMIP_FIXTURES}wire`;
  return readdirSync(root)
    .filter((file) => file.endsWith('.hex'))
    .sort()
    .map((file) => ({
      name: file.replace(/\.hex$/, ''),
      bytes: Buffer.from(readFileSync(`${root}/${file}`, 'utf8').trim(), 'hex'),
    }));
}

/** 2009-11-12T10:47:30Z, the time stamp of the oldest OASIS test cases: what `$NOW` becomes. */
export const FIXTURE_NOW = 1_258_022_850n;

/**
 * Concrete values for the placeholders the OASIS files use: `$NOW±seconds` is a time around
 * FIXTURE_NOW; text and byte placeholders stand for themselves, so they stay recognisable.
 */
export function fixturePlaceholderValue(placeholder: TtlvPlaceholder): unknown {
  const now = /^\$NOW([+-]\d+)?$/.exec(placeholder.placeholder);
  if (now !== null && placeholder.type === 'DateTime') return FIXTURE_NOW + BigInt(now[1] ?? '0');
  if (placeholder.type === 'TextString') return placeholder.placeholder;
  if (placeholder.type === 'ByteString') return new TextEncoder().encode(placeholder.placeholder);
  return undefined;
}

export function hex(text: string): Buffer {
  return Buffer.from(text.replace(/[\s|]/g, ''), 'hex');
}
