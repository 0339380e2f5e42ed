import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenStation } from '../../../src-main/services';
import { unlockedStation } from '../../helpers/station';
import { tempDir } from '../../helpers/temp';
import { eventXml, SEED_CONFIG } from './fixtures';

const A = 'Tape_Sol_Tst_Shr_Pvt_1024_Lbl_20';
const B = 'Tape_Sol_Tst_Shr_Pvt_1024_Lbl_21';
const dir = tempDir('custos-ekm-unit-');
let station: OpenStation;
let cleanup: () => void;

beforeAll(async () => {
  const s = await unlockedStation();
  station = s.station;
  cleanup = s.cleanup;
  // The KEKs were carried over earlier (as the keystore import would); the migration finds them by alias.
  await station.keystore.createKek({ label: A, bits: 2048 });
  await station.keystore.createKek({ label: B, bits: 2048 });
}, 60_000);
afterAll(() => {
  cleanup();
  dir.cleanup();
});

function metadataFile(name: string, body: string): { fileName: string; path: string } {
  const path = join(dir.path, name);
  writeFileSync(path, body);
  return { fileName: name, path };
}

const config = { fileName: 'ISKLMConfig.properties', text: SEED_CONFIG };

function snapshot() {
  return { groups: station.devices.list().length, audit: station.audit.list().length, usage: station.devices.usage(A) };
}

describe('EKM migration', () => {
  it('refuses bad files with their code and changes nothing', async () => {
    const before = snapshot();
    const cases: [Parameters<OpenStation['devices']['ekmPreview']>[0], string][] = [
      [{ name: 'EKM_Z1', config: { ...config, text: 'drive.default.alias1=x' } }, 'EKM_CONFIG_NO_DEFAULT_ALIASES'],
      [
        { name: 'EKM_Z1', config: { ...config, text: SEED_CONFIG.replace(`alias2=${B}`, 'alias2=Not_here') } },
        'EKM_ALIAS_NOT_IN_KEYSTORE',
      ],
      [{ name: 'EKM_Z1', config, metadata: metadataFile('a.xml', 'not xml at all') }, 'EKM_METADATA_NOT_XML'],
      [
        { name: 'EKM_Z1', config, metadata: metadataFile('b.xml', `<KeyUsageEvents>${eventXml(1, A, B)}<KeyUsage`) },
        'EKM_METADATA_TRUNCATED',
      ],
      [
        {
          name: 'EKM_Z1',
          config,
          metadata: metadataFile('c.xml', `<KeyUsageEvents>${eventXml(1, A, 'Unknown_KEK')}</KeyUsageEvents>`),
        },
        'EKM_METADATA_UNKNOWN_KEY',
      ],
      [{ name: 'DS8K', config }, 'GROUP_NAME_RESERVED'],
    ];
    for (const [request, code] of cases)
      await expect(station.devices.ekmPreview(request), code).rejects.toMatchObject({ code });
    expect(snapshot()).toEqual(before);
  });

  it('makes one 3592 group with the default KEKs, devices from events, and the cartridge inventory', async () => {
    const events = Array.from({ length: 300 }, (_, i) => eventXml(i, A, B)).join('');
    const preview = await station.devices.ekmPreview({
      name: 'EKM_Z1',
      config,
      metadata: metadataFile(
        'SKLMData.xml',
        `<?xml version="1.0"?>\r\n<KeyUsageEvents>\r\n${events}</KeyUsageEvents>\r\n`,
      ),
      policy: 'pending',
    });
    expect(preview).toMatchObject({
      name: 'EKM_Z1',
      family: '3592',
      policy: 'pending',
      events: 300,
      ports: { tcp: 3801, ssl: 1443 },
    });
    expect(preview.keks).toEqual([
      { label: A, role: 'alias1', source: 'station' },
      { label: B, role: 'alias2', source: 'station' },
    ]);
    expect(preview.devices).toHaveLength(50);
    expect(preview.warnings.join('\n')).toMatch(/destroy every copy/);
    const result = station.devices.ekmCommit(preview.previewId);
    expect(result.group).toMatchObject({ name: 'EKM_Z1', family: '3592', policy: 'pending', keys: [A, B] });
    expect(result.group.devices.every((d) => d.state === 'pending' && d.source === 'metadata')).toBe(true);
    const usage = station.devices.usage(A.toLowerCase());
    expect(usage).toMatchObject({ label: A, cartridges: 300, events: 300, lastUsed: '2011-10-18T19:35:08Z' });
    expect(usage.volsers).toContain('V00299');
    expect(usage.drives).toHaveLength(50);
    expect(station.devices.pendingCount()).toBe(50);
    const approved = station.devices.approve('ekm_z1', '000007888401');
    expect(approved.devices.find((d) => d.serial === '000007888401')?.state).toBe('accepted');
    station.devices.reject('EKM_Z1', '000007888402');
    expect(station.devices.pendingCount()).toBe(48);
    const decisions = station.audit.list().filter((r) => r.action === 'group.approve' || r.action === 'group.reject');
    expect(decisions.map((r) => r.detail).sort()).toEqual([
      '000007888401: pending -> accepted',
      '000007888402: pending -> rejected',
    ]);
    expect(() => station.devices.ekmCommit(preview.previewId)).toThrowError(
      expect.objectContaining({ code: 'EKM_MIGRATION_EXPIRED' }),
    );
  });

  it('refuses to destroy a KEK that cartridges still use, unless the custodian states they were rewritten', () => {
    const audit = station.audit.list().length;
    expect(() => station.keystore.destroy(A, A)).toThrowError(
      expect.objectContaining({ code: 'KEY_USED_BY_CARTRIDGES', message: expect.stringContaining('300 cartridges') }),
    );
    expect(station.keystore.show(A).hasSecret).toBe(true);
    expect(station.audit.list().length).toBe(audit);
    expect(station.keystore.destroy(A, A, { cartridgesRewritten: true }).state).toBe('destroyed');
    expect(station.audit.list().some((r) => r.action === 'keystore.destroy-override' && r.object === A)).toBe(true);
  });
});
