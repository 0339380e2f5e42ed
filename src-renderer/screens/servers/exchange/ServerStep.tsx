import { FieldError } from '../../../wizard/FieldError';
import { Exchange, useExchangeData, usePatch } from './context';
import { serverErrors } from './model';

/** a. Choose or add the key server. */
export function ServerStep() {
  const data = useExchangeData();
  const patch = usePatch();
  const existing = data.existing !== null;
  const fields = Exchange.useFields(serverErrors(data));
  return (
    <>
      <p className="muted">
        The key server this station (and the storage systems it serves) will trust, and that will trust this station.
      </p>
      <label>
        Name
        <input
          value={data.name}
          disabled={existing}
          onChange={(e) => patch({ name: e.target.value })}
          placeholder="SKLM primary"
          autoFocus
          {...fields.input('name')}
        />
      </label>
      <FieldError {...fields.error('name')} />
      <label>
        Address (IPv4, IPv6 or host name)
        <input
          value={data.address}
          disabled={existing}
          onChange={(e) => patch({ address: e.target.value })}
          placeholder="kms1.example.com"
          {...fields.input('address')}
        />
      </label>
      <FieldError {...fields.error('address')} />
      <div className="row">
        <div className="field">
          <label>
            KMIP port
            <input
              type="number"
              value={Number.isFinite(data.kmipPort) ? data.kmipPort : ''}
              disabled={existing}
              onChange={(e) => patch({ kmipPort: e.target.valueAsNumber, fetchPort: e.target.valueAsNumber })}
              {...fields.input('kmipPort')}
            />
          </label>
          <FieldError {...fields.error('kmipPort')} />
        </div>
        <label>
          Role
          <select
            value={data.role}
            disabled={existing}
            onChange={(e) => patch({ role: e.target.value as 'primary' | 'secondary' })}
          >
            <option value="primary">Primary</option>
            <option value="secondary">Secondary</option>
          </select>
        </label>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={!data.verifyHostname}
          onChange={(e) => patch({ verifyHostname: !e.target.checked })}
        />
        Accept a server certificate that does not name this address (not recommended; every test result will say so)
      </label>
    </>
  );
}
