import { DeviceCode, fail } from '../../../contract';
import type { DevicePolicy } from '../../../contract';
import { parseProperties } from './properties';

/** What Custos takes from a retiring EKM/ISKLM's configuration file. */
export interface EkmConfig {
  readonly alias1: string;
  readonly alias2: string;
  readonly policy: DevicePolicy;
  readonly keystoreType: string | null;
  readonly keystoreFile: string | null;
  readonly tcpPort: number | null;
  readonly sslPort: number | null;
  readonly symmetricKeySet: string | null;
  /** What the file reveals that the custodian must act on. */
  readonly warnings: string[];
}

const PORTABLE_KEYSTORES = ['JCEKS', 'JKS', 'PKCS12'];

export function readEkmConfig(text: string, fileName: string): EkmConfig {
  const p = parseProperties(text, fileName);
  const alias1 = p.get('drive.default.alias1')?.trim() ?? '';
  const alias2 = p.get('drive.default.alias2')?.trim() ?? '';
  if (!alias1 || !alias2)
    fail(
      DeviceCode.EkmConfigNoAliases,
      `${fileName} names no ${!alias1 ? 'drive.default.alias1' : 'drive.default.alias2'}: without both default KEK aliases Custos cannot tell which KEKs the drives use. Give the EKM configuration file that served the drives; nothing was imported.`,
    );
  const warnings: string[] = [];
  const passwords = [...p.keys()].filter((k) => /password$/i.test(k) && (p.get(k) ?? '') !== '');
  if (passwords.includes('config.keystore.password'))
    warnings.push(
      `${fileName} holds the keystore password in clear text (config.keystore.password${passwords.length > 1 ? ` and ${passwords.length - 1} more passwords` : ''}): once the migration is done, destroy every copy of this file and change that password.`,
    );
  else if (passwords.length > 0)
    warnings.push(
      `${fileName} holds ${passwords.length} passwords in clear text (${passwords.join(', ')}): destroy every copy once the migration is done.`,
    );
  const clientAuth = p.get('TransportListener.ssl.clientauthentication')?.trim();
  if (clientAuth === '0' || clientAuth?.toLowerCase() === 'false')
    warnings.push(
      "The old key server did not require client authentication (TransportListener.ssl.clientauthentication=0): any host that reached it could ask for keys. Custos key servers require each device's certificate.",
    );
  const keystoreType = p.get('config.keystore.type')?.trim() || null;
  if (keystoreType && !PORTABLE_KEYSTORES.includes(keystoreType.toUpperCase()))
    warnings.push(
      `The old keystore type is ${keystoreType}, which lives on its platform (RACF/ICSF/PKCS#11): export its KEKs to JCEKS or PKCS#12 there, then give that file.`,
    );
  const accept = p.get('drive.acceptUnknownDrives')?.trim().toLowerCase();
  return {
    alias1,
    alias2,
    policy: accept === 'true' ? 'auto' : 'manual',
    keystoreType,
    keystoreFile: p.get('config.keystore.file')?.trim() || null,
    tcpPort: port(p.get('TransportListener.tcp.port')),
    sslPort: port(p.get('TransportListener.ssl.port')),
    symmetricKeySet: p.get('symmetricKeySet')?.trim() || null,
    warnings,
  };
}

function port(raw: string | undefined): number | null {
  const n = Number(raw?.trim());
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : null;
}
