import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CustosError, KmipCode } from '../../../src-main/contract/errors';
import type { OpenStation } from '../../../src-main/services';
import { objectSummary } from '../../../src-main/services/servers/console';
import { unlockedStation } from '../../helpers/station';
import { pairedServers, refused } from './fixture';

let station: OpenStation;
let cleanup: () => void;

beforeEach(async () => {
  ({ station, cleanup } = await unlockedStation());
});

afterEach(() => cleanup());

async function failure(work: Promise<unknown>): Promise<CustosError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof CustosError) return error;
    throw error;
  }
  throw new Error('expected a CustosError');
}

const auditRows = (action: string) => station.audit.list().filter((row) => row.action === action);

describe('the KMIP console', () => {
  it('sends changes to the primary with what the custodian confirmed, and audits each', async () => {
    const { servers, primary, secondary } = await pairedServers(station);
    const created = await servers.console.create({ name: 'tape key', bits: 256, confirm: 'tape key' });
    expect(created).toMatchObject({ server: 'kms-a', role: 'primary', state: 'Pre-Active' });
    const id = created.uniqueIdentifier;
    await servers.console.activate({ id, confirm: id });
    await servers.console.revoke({ id, reason: 'superseded', confirm: id });
    expect(await servers.console.destroy({ id, confirm: id })).toMatchObject({ state: 'Destroyed' });
    expect(primary().requests).toEqual(['Create', 'Activate', 'Revoke', 'Destroy']);
    expect(secondary().requests).toEqual([]);
    expect(auditRows('kmip.revoke')[0]).toMatchObject({ object: id, outcome: 'ok' });
    expect(auditRows('kmip.revoke')[0]?.detail).toContain('superseded');
  });

  it('refuses a change whose confirmation does not name the object: KMIP_CHANGE_NOT_CONFIRMED, nothing sent', async () => {
    const { servers, primary } = await pairedServers(station);
    for (const attempt of [
      servers.console.create({ name: 'tape key', bits: 256, confirm: 'another key' }),
      servers.console.activate({ id: '7', confirm: '8' }),
      servers.console.destroy({ id: '7', confirm: '' }),
      servers.console.revoke({ id: '7', reason: 'key-compromise', confirm: '  ' }),
    ]) {
      expect((await failure(attempt)).code).toBe(KmipCode.ChangeNotConfirmed);
    }
    expect(primary().requests).toEqual([]);
    expect(auditRows('kmip.destroy')[0]).toMatchObject({ object: '7', outcome: 'refused' });
  });

  it('reads fail over through the pair; changes name the unavailable primary and never reach the secondary', async () => {
    const { servers, primary, secondary } = await pairedServers(station);
    await servers.console.create({ name: 'k', bits: 128, confirm: 'k' });
    primary().behaviour = refused('10.0.0.1:5696');
    expect((await servers.console.locate(undefined, { offset: 0, max: 50 })).ids).toEqual([]);
    expect(secondary().requests).toEqual(['Locate']);
    const error = await failure(servers.console.destroy({ id: '1', confirm: '1' }));
    expect(error.code).toBe(KmipCode.PrimaryUnavailable);
    expect(secondary().requests).toEqual(['Locate']);
    expect(auditRows('kmip.destroy')[0]).toMatchObject({ outcome: 'failed', detail: KmipCode.PrimaryUnavailable });
  });
});

describe('a Get as the console shows it', () => {
  it('gives the key check value and a fingerprint, never the key bytes', () => {
    const key = randomBytes(32);
    const lines = objectSummary({
      uniqueIdentifier: '1',
      objectType: 'SymmetricKey',
      keyBlock: { formatType: 'Raw', algorithm: 'AES', bits: 256, material: key, wrapped: false },
    });
    expect(lines.map((l) => l.name)).toEqual(['Key', 'Key check value', 'Material']);
    expect(lines[1]?.value).toMatch(/^[0-9A-F]{6}$/);
    const text = JSON.stringify(lines);
    expect(text).not.toContain(key.toString('hex'));
    expect(text).not.toContain(key.toString('base64'));
  });
});
