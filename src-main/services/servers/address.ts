import { isIP } from 'node:net';
import { fail, NetworkCode } from '../../contract';

/** IPv4, IPv6 (bare or in brackets) or an RFC 1123 host name; returned without brackets. */
export function normalizeAddress(raw: string): string {
  const address = raw.trim().replace(/^\[(.*)\]$/, '$1');
  // Lower case, so one address written two ways is seen as one (SERVERS_SHARE_ADDRESS).
  if (isIP(address)) return address.toLowerCase();
  if (
    address.length <= 253 &&
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i.test(address)
  )
    return address.toLowerCase();
  fail(NetworkCode.AddressInvalid, `"${raw}" is not an IPv4 or IPv6 address or a host name.`);
}

/** "host:port", "[v6]:port"; the port must be given. */
export function parseHostPort(raw: string): { host: string; port: number } {
  const match = /^\[([^\]]+)\]:(\d+)$/.exec(raw.trim()) ?? /^([^:]+):(\d+)$/.exec(raw.trim());
  const port = Number(match?.[2]);
  if (!match?.[1] || !Number.isInteger(port) || port < 1 || port > 65535) {
    fail(NetworkCode.AddressInvalid, `"${raw}" is not HOST:PORT (for IPv6: [ADDRESS]:PORT).`);
  }
  return { host: normalizeAddress(match[1]), port };
}
