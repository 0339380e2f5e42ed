import { StepList } from '../../../components/StepList';
import { useApp } from '../../../store/app-store';
import { Exchange, useExchangeData, usePatch } from './context';

/** e. Test step by step. */
export function TestStep() {
  const data = useExchangeData();
  const patch = usePatch();
  const call = Exchange.useWizard((s) => s.call);
  const api = useApp((s) => s.api);
  const test = () =>
    call(
      () =>
        api?.servers.testDraft({
          name: data.name,
          address: data.address,
          kmipPort: data.kmipPort,
          role: data.role,
          verifyHostname: data.verifyHostname,
          ...(data.trustLabel ? { trustLabel: data.trustLabel } : {}),
          ...(data.identityLabel ? { identityLabel: data.identityLabel } : {}),
        }),
      (result) => patch({ test: { ok: result.ok, steps: result.steps } }),
    );
  return (
    <>
      <p className="muted">
        TCP reach, TLS handshake, certificates verified both ways, then KMIP DiscoverVersions and Query.
      </p>
      <button type="button" className="primary" onClick={() => void test()}>
        {data.test ? 'Test again' : 'Run the test'}
      </button>
      {data.test ? <StepList steps={data.test.steps} label="Test steps" /> : null}
      {data.test && !data.test.ok ? (
        <p className="small">You can save now and test again later, or go Back and fix what failed.</p>
      ) : null}
    </>
  );
}
