import { fail, NetworkCode } from '../../../contract';

/** The port IANA assigned to KMIP over TLS. */
export const KMIP_PORT = 5696;

export interface KmipAddress {
  readonly host: string;
  readonly port: number;
}

/** "kms1.bank.example:5696", "10.0.0.5", "[fd00::5]:5696" (the port defaults to 5696). */
export function parseKmipAddress(text: string): KmipAddress {
  const trimmed = text.trim();
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([^\s:[\]]+))(?::(\d{1,5}))?$/.exec(trimmed);
  const host = match?.[1] ?? match?.[2];
  const port = match?.[3] === undefined ? KMIP_PORT : Number(match[3]);
  if (host === undefined || !Number.isInteger(port) || port < 1 || port > 65535) {
    fail(
      NetworkCode.AddressInvalid,
      `"${text}" is not a key server address; write HOST:PORT, for example kms1.example.com:5696.`,
    );
  }
  return { host, port };
}

export function formatKmipAddress(address: KmipAddress): string {
  return address.host.includes(':') ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}
