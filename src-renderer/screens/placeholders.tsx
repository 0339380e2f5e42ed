import { EmptyState } from '../components/EmptyState';
import { ScreenHeader } from '../components/ScreenHeader';

/** Screens whose capability arrives with a later issue: each says what will live there. */
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
