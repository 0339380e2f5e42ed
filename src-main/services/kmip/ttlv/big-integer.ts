/** Big Integers travel as big-endian two's complement with minimal sign extension to 8-byte multiples. */

export function bigIntegerByteLength(value: bigint): number {
  // Bits needed for the magnitude of a non-negative value or of -(value+1), plus one sign bit.
  const magnitude = value < 0n ? -value - 1n : value;
  const bits = magnitude === 0n ? 1 : magnitude.toString(2).length + 1;
  return Math.ceil(bits / 64) * 8;
}

export function bigIntegerToBytes(value: bigint): Uint8Array {
  const length = bigIntegerByteLength(value);
  const hex = BigInt.asUintN(length * 8, value)
    .toString(16)
    .padStart(length * 2, '0');
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

export function bigIntegerFromBytes(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  const unsigned = BigInt(`0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex')}`);
  return BigInt.asIntN(bytes.length * 8, unsigned);
}
