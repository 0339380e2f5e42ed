import { readHeader } from './header';
import { DEFAULT_MAX_MESSAGE_BYTES, TTLV_HEADER_BYTES } from './limits';
import { fail, KmipCodecCode } from '../../../contract';

/**
 * How many bytes the TTLV message starting with these bytes occupies, from its first 8 bytes,
 * so a socket reader knows what to wait for. Refuses (KMIP_TTLV_TOO_LARGE) a message over
 * maxBytes before anything is allocated for it.
 */
export function ttlvMessageLength(firstBytes: Uint8Array, maxBytes: number = DEFAULT_MAX_MESSAGE_BYTES): number {
  if (firstBytes.length < TTLV_HEADER_BYTES) {
    fail(
      KmipCodecCode.TtlvTruncated,
      `The KMIP message ends after ${firstBytes.length} bytes, before its 8-byte header is complete.`,
    );
  }
  const header = readHeader(firstBytes, 0);
  if (header.size > maxBytes) {
    fail(
      KmipCodecCode.TtlvTooLarge,
      `A KMIP message of ${header.size} bytes was refused: messages are limited to ${maxBytes} bytes.`,
    );
  }
  return header.size;
}
