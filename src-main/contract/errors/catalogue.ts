import { AuditCode } from './audit';
import { BackupCode } from './backup';
import { BoundaryCode } from './boundary';
import { CertCode } from './certs';
import { CliCode } from './cli';
import { DeviceCode } from './devices';
import { EedkCode } from './eedk';
import { FileCode } from './files';
import { JobCode } from './jobs';
import { KeystoreCode, KeystoreFileCode } from './keystore';
import { KmipCode, KmipCodecCode, KmipMessageCode } from './kmip';
import { NetworkCode } from './network';
import { ServerCode } from './servers';
import { StationCode } from './station';
import { UsbCode } from './usb';
import { VaultCode } from './vault';
import { TokenCode } from './tokens';
import { SettingsCode } from './settings';

type CodesOf<C> = C[keyof C];

/** Every code Custos raises: the union of the domain catalogues, and nothing else. */
export type ErrorCode =
  | CodesOf<typeof BoundaryCode>
  | CodesOf<typeof StationCode>
  | CodesOf<typeof VaultCode>
  | CodesOf<typeof KeystoreCode>
  | CodesOf<typeof KeystoreFileCode>
  | CodesOf<typeof CertCode>
  | CodesOf<typeof EedkCode>
  | CodesOf<typeof AuditCode>
  | CodesOf<typeof JobCode>
  | CodesOf<typeof NetworkCode>
  | CodesOf<typeof KmipCode>
  | CodesOf<typeof KmipCodecCode>
  | CodesOf<typeof KmipMessageCode>
  | CodesOf<typeof ServerCode>
  | CodesOf<typeof UsbCode>
  | CodesOf<typeof CliCode>
  | CodesOf<typeof FileCode>
  | CodesOf<typeof DeviceCode>
  | CodesOf<typeof BackupCode>
  | CodesOf<typeof TokenCode>
  | CodesOf<typeof SettingsCode>;

const ALL_CODES: ReadonlySet<string> = new Set<string>(
  [
    BoundaryCode,
    StationCode,
    VaultCode,
    KeystoreCode,
    KeystoreFileCode,
    CertCode,
    EedkCode,
    AuditCode,
    JobCode,
    NetworkCode,
    KmipCode,
    KmipCodecCode,
    KmipMessageCode,
    ServerCode,
    UsbCode,
    CliCode,
    FileCode,
    DeviceCode,
    BackupCode,
    TokenCode,
    SettingsCode,
  ].flatMap((catalogue) => Object.values(catalogue)),
);

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && ALL_CODES.has(code);
}

/** A code carried as text in a view (a job's or a step's failure), or `fallback` when it is none of ours. */
export function errorCodeOr(code: string | null | undefined, fallback: ErrorCode): ErrorCode {
  return isErrorCode(code) ? code : fallback;
}
