import { useEffect, useState } from 'react';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useApp } from '../../store/app-store';
import { VaultGate } from '../../components/VaultGate';
import { CreateGroupWizard } from './CreateGroupWizard';
import { EkmWizard } from './EkmWizard';
import { GroupDetail } from './GroupDetail';
import { Term } from '../../help/Term';

export function DeviceGroupsScreen() {
  const vault = useApp((s) => s.vault);
  return (
    <>
      <ScreenHeader
        title="Device groups"
        subtitle={
          <>
            <Term id="device-group">Device groups</Term>: keys and certificates that a set of tape drives, disk systems
            or KMIP clients uses, and which devices may use them.
          </>
        }
      />
      {vault?.state === 'unlocked' ? <Groups /> : <VaultGate />}
    </>
  );
}

function Groups() {
  const groups = useApp((s) => s.groups);
  const loadGroups = useApp((s) => s.loadGroups);
  const loadServers = useApp((s) => s.loadServers);
  const [selected, setSelected] = useState<string | null>(null);
  const [wizard, setWizard] = useState<'create' | 'ekm' | null>(null);
  useEffect(() => {
    void loadGroups();
    void loadServers();
  }, [loadGroups, loadServers]);
  const current = groups.find((g) => g.name === selected) ?? null;
  const closeWizard = (created?: string) => {
    setWizard(null);
    void loadGroups();
    if (created) setSelected(created);
  };
  return (
    <>
      <div className="toolbar" role="toolbar" aria-label="Device group actions">
        <span className="spacer" />
        <button onClick={() => setWizard('ekm')}>Migrate from EKM…</button>
        <button className="primary" onClick={() => setWizard('create')}>
          Create a device group…
        </button>
      </div>
      <section className="card" aria-labelledby="groups-h">
        <h2 id="groups-h">Groups</h2>
        {groups.length === 0 ? (
          <p className="muted">No device groups yet. Create one, or migrate a retiring EKM.</p>
        ) : (
          <table className="review groups" aria-label="Device groups">
            <thead>
              <tr>
                <th>Name</th>
                <th>Family</th>
                <th>New devices</th>
                <th>Keys</th>
                <th>Devices</th>
                <th>Pending</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g.name} aria-selected={g.name === selected} className={g.name === selected ? 'selected' : ''}>
                  <td>
                    <button type="button" className="link-button" onClick={() => setSelected(g.name)}>
                      {g.name}
                    </button>
                  </td>
                  <td>{g.family}</td>
                  <td>{g.policy}</td>
                  <td>{g.keyCount}</td>
                  <td>{g.deviceCount}</td>
                  <td>
                    {g.pendingCount > 0 ? <span className="pill state-running">{g.pendingCount} pending</span> : '0'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {current ? <GroupDetail key={current.name} name={current.name} onChanged={() => void loadGroups()} /> : null}
      {wizard === 'create' ? <CreateGroupWizard onClose={closeWizard} /> : null}
      {wizard === 'ekm' ? <EkmWizard onClose={closeWizard} /> : null}
    </>
  );
}
