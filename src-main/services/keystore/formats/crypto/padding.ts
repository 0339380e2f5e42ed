/** Strips PKCS#5/#7 padding, or returns undefined when it is not well formed (a wrong key, mostly). */
export function unpadPkcs7(plain: Buffer, blockBytes: number): Buffer | undefined {
  const count = plain[plain.length - 1] ?? 0;
  if (plain.length === 0 || plain.length % blockBytes !== 0 || count < 1 || count > blockBytes) return undefined;
  for (let i = plain.length - count; i < plain.length; i++) if (plain[i] !== count) return undefined;
  return plain.subarray(0, plain.length - count);
}
