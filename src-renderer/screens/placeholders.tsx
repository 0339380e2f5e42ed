import { EmptyState } from '../components/EmptyState';
import { ScreenHeader } from '../components/ScreenHeader';

/** Screens whose capability arrives with a later issue: each says what will live there. */
export function DeviceGroups() {
  return (
    <>
      <ScreenHeader
        title="Device groups"
        subtitle="Collections of keys and certificates that a subset of devices uses."
      />
      <EmptyState
        summary="Device families 3592, LTO, DS5000, GPFS, PEER_TO_PEER, DS8000 and generic KMIP."
        capabilities={['Device-group creation wizard', 'Pending device and client-certificate approvals']}
      />
    </>
  );
}
