import { z } from 'zod';

/**
 * Frames of the browser host's WebSocket. The token travels in the upgrade request
 * (Sec-WebSocket-Protocol), never in a frame, so a frame carries only the call itself.
 */
export const HOST_SUBPROTOCOL = 'custos.v1';
export const TOKEN_SUBPROTOCOL_PREFIX = 'token.';

export const HostRequestSchema = z.strictObject({
  id: z.number().int().nonnegative(),
  channel: z.string().max(128),
  input: z.unknown(),
});
export type HostRequest = z.infer<typeof HostRequestSchema>;

export type HostReply =
  { kind: 'result'; id: number; result: unknown } | { kind: 'push'; channel: string; payload: unknown };
