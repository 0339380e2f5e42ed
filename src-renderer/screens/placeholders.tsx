import { EmptyState } from '../components/EmptyState';
import { ScreenHeader } from '../components/ScreenHeader';

/** Screens whose capability arrives with a later issue: each says what will live there. */
export function KeyServers() {
  return (
    <>
      <ScreenHeader title="Key servers" subtitle="The primary and secondary KMIP key servers this station talks to." />
      <EmptyState
        summary="Two key servers (primary and secondary) on KMIP port 5696, trusted through a certificate exchange."
        capabilities={[
          'Certificate exchange wizard: retrieve and trust the server certificate, issue the station client certificate, test',
          'KMIP console: Query, Locate, browse objects and attributes, read the message log',
          'IPP connectivity probe (TCP 3801, TLS 1441)',
        ]}
      />
    </>
  );
}

export function DeviceGroups() {
  return (
    <>
      <ScreenHeader title="Device groups" subtitle="Collections of keys and certificates that a subset of devices uses." />
      <EmptyState
        summary="Device families 3592, LTO, DS5000, GPFS, PEER_TO_PEER, DS8000 and generic KMIP."
        capabilities={['Device-group creation wizard', 'Pending device and client-certificate approvals']}
      />
    </>
  );
}

export function UsbKeys() {
  return (
    <>
      <ScreenHeader title="USB keys" subtitle="Access keys on USB flash drives for storage systems with local key management." />
      <EmptyState
        summary="Four copies by default; at least three before a new key can be committed."
        capabilities={[
          'Drive detection with status (system drive, read-only, too small, holds a Custos key)',
          'Provisioning wizard: write, read back, verify, commit',
          'Two-phase rekey, validate, custody records and crypto-erase',
        ]}
      />
    </>
  );
}

export function Backup() {
  return (
    <>
      <ScreenHeader title="Backup" subtitle="Copies of the keys that exist nowhere else." />
      <EmptyState
        summary="With external key management the key server's backup is the only copy of a key."
        capabilities={['Encrypted backup archives', 'Custodian shares', 'Filling a backup key server over KMIP']}
      />
    </>
  );
}
