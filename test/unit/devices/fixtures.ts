/** Files in the shape of seed 002 (ISKLM for z/OS), shared by the device tests. */

/** The seed's configuration file (seed 002, ISKLM for z/OS), as EKM wrote it. */
export const SEED_CONFIG = [
  'Admin.ssl.keystore.name=safkeyring\\://TAPEKMS/KeyStore4758',
  'Audit.handler.file.size=10000',
  'config.keystore.provider=IBMJCECCA',
  'Admin.ssl.keystore.password=password',
  'config.keystore.type=JCECCARACFKS',
  'TransportListener.ssl.port=1443',
  'zOSCompatibility=true',
  'TransportListener.tcp.port=3801',
  'config.drivetable.file.url=FILE\\:/KLMETC/Z1/filedrive.table',
  'ds8k.acceptUnknownDrives=true',
  'config.keystore.file=safkeyring\\://TAPEKMS/KeyStore4758',
  'TransportListener.ssl.clientauthentication=0',
  'config.keystore.password=password',
  'drive.default.alias2=Tape_Sol_Tst_Shr_Pvt_1024_Lbl_21',
  'drive.default.alias1=Tape_Sol_Tst_Shr_Pvt_1024_Lbl_20',
  'symmetricKeySet=des01-1f',
  'drive.acceptUnknownDrives=true',
].join('\n');

/** One <KeyUsageEvent> as SKLMData.xml holds it; drives repeat every 50 events. */
export function eventXml(i: number, alias1 = 'KEK_A', alias2 = 'KEK_B'): string {
  return `<KeyUsageEvent>\n<driveSSN>0000078884${String(i % 50).padStart(2, '0')}</driveSSN>\n<volSer>V${String(i).padStart(5, '0')}</volSer>\n<driveWWN>500507630240FB${String(i % 50).padStart(2, '0')}</driveWWN>\n<keyAlias2>${alias2}</keyAlias2>\n<keyAlias1>${alias1}</keyAlias1>\n<dateTime>Tue Oct 18 19:35:08 GMT 2011</dateTime>\n</KeyUsageEvent>\n`;
}
