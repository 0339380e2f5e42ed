import { describe, it, expect } from 'vitest';
import { TtlvFrameReader } from '../../../../src-main/services/kmip/client';
import { encodeTtlv, integer, structure, textString, Tag } from '../../../../src-main/services/kmip';
import { codeOf } from '../codes';

const small = encodeTtlv(structure(Tag.RequestMessage, [integer(Tag.BatchCount, 1)]));
const larger = encodeTtlv(structure(Tag.ResponseMessage, [textString(Tag.ResultMessage, 'x'.repeat(300))]));

describe('TtlvFrameReader', () => {
  it('returns whole messages however the bytes are cut', () => {
    const stream = Buffer.concat([small, larger, small]);
    for (const cut of [1, 3, 7, 8, 9, 64, stream.length]) {
      const reader = new TtlvFrameReader();
      const messages: Buffer[] = [];
      for (let at = 0; at < stream.length; at += cut) messages.push(...reader.push(stream.subarray(at, at + cut)));
      expect(messages).toEqual([small, larger, small]);
      expect(reader.pendingBytes).toBe(0);
    }
  });

  it('holds a partial message until the rest arrives', () => {
    const reader = new TtlvFrameReader();
    expect(reader.push(larger.subarray(0, 100))).toEqual([]);
    expect(reader.pendingBytes).toBe(100);
    expect(reader.push(larger.subarray(100))).toEqual([larger]);
  });

  it('refuses a message announced over the cap from its 8-byte header, before it arrives', () => {
    const header = Buffer.from([0x42, 0x00, 0x7b, 0x01, 0x00, 0x50, 0x00, 0x00]); // 5 MiB announced
    expect(codeOf(() => new TtlvFrameReader().push(header))).toBe('KMIP_TTLV_TOO_LARGE');
    expect(codeOf(() => new TtlvFrameReader(64).push(larger))).toBe('KMIP_TTLV_TOO_LARGE');
  });

  it('copies what it returns, so later chunks cannot change a message', () => {
    const reader = new TtlvFrameReader();
    const chunk = Buffer.from(small);
    const [message] = reader.push(chunk);
    chunk.fill(0);
    expect(message).toEqual(small);
  });
});
