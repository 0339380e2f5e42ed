import { useExchangeData } from './context';

/** f. Summary. */
export function SaveStep() {
  const data = useExchangeData();
  return (
    <dl className="facts">
      <dt>Key server</dt>
      <dd>
        {data.name} ({data.role}) at {data.address}:{data.kmipPort}
      </dd>
      <dt>Trusts</dt>
      <dd>{data.trustLabel ?? 'nothing yet'}</dd>
      <dt>Presents</dt>
      <dd>{data.identityLabel ?? 'no identity yet'}</dd>
      <dt>Host name</dt>
      <dd>{data.verifyHostname ? 'verified' : 'NOT verified (override on)'}</dd>
      <dt>Last test</dt>
      <dd>{data.test ? (data.test.ok ? 'passed' : 'failed') : 'not run'}</dd>
    </dl>
  );
}
