/** Largest KMIP message accepted from a peer unless the caller says otherwise. */
export const DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

/** Deepest nesting accepted (a top-level item is depth 1); real KMIP messages stay under 12. */
export const DEFAULT_MAX_DEPTH = 32;

/** Every TTLV item starts with a 3-byte tag, a 1-byte type and a 4-byte length. */
export const TTLV_HEADER_BYTES = 8;

export interface TtlvLimits {
  /** Reject messages longer than this many bytes (header included). */
  readonly maxBytes?: number;
  /** Reject items nested deeper than this. */
  readonly maxDepth?: number;
}
