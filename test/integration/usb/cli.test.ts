import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp';
import { makeDriveRig } from '../../helpers/usb-drives';
import type { DriveRig } from '../../helpers/usb-drives';

/** The exact `custos usb` commands, as a script drives them: one process (one station open) per command. */
const home = tempDir('custos-usb-cli-');
const env = { CUSTOS_PASSPHRASE: 'correct horse battery staple' };
let rig: DriveRig;
let allow: string[];
const mount = (label: string) => rig.drives.find((d) => d.label === label)?.mountPoint ?? '';
const usb = (...argv: string[]) => cli(['--home', home.path, 'usb', ...allow, ...argv], env);
const json = async (...argv: string[]) => {
  const r = await usb(...argv, '--json');
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};

beforeAll(async () => {
  rig = await makeDriveRig(['C1', 'C2', 'C3', 'C4']);
  allow = rig.drives.flatMap((d) => ['--allow-mount', d.mountPoint]);
  const init = await cli(['--home', home.path, 'vault', 'init'], env);
  expect(init.code, init.stderr).toBe(0);
});
afterAll(async () => {
  await rig?.cleanup();
  home.cleanup();
});

describe('custos usb', () => {
  it('drives: lists the admitted drives as ok, and blocks them without --allow-mount', async () => {
    const drives = (await json('drives')) as { mountPoint: string; status: string }[];
    expect(drives.filter((d) => rig.drives.some((r) => r.mountPoint === d.mountPoint)).map((d) => d.status)).toEqual([
      'ok',
      'ok',
      'ok',
      'ok',
    ]);
    const plain = await cli(['--home', home.path, '--json', 'usb', 'drives'], env);
    const blocked = (JSON.parse(plain.stdout) as { mountPoint: string; status: string }[]).filter(
      (d) => d.mountPoint === mount('C1'),
    );
    expect(blocked.map((d) => d.status)).toEqual(['not-removable']);
    const human = await usb('drives');
    expect(human.stdout).toMatch(/^LABEL\s+MOUNT\s+FS\s+SIZE\s+FREE\s+STATUS\s+KEYS$/m);
    // Which lister answered: on Linux the mount table, named under the table and in station info.
    expect(human.stdout).toMatch(/^Drives are read from the mount table \(\/proc\/self\/mountinfo\)/m);
    const info = await cli(['--home', home.path, '--json', 'station', 'info'], env);
    expect(info.code, info.stderr).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ driveLister: 'mount-table' });
    // The system volume and the station home's disk are never listed: only candidate key drives.
    const listed = (await json('drives')) as { mountPoint: string; status: string }[];
    expect(listed.map((d) => d.mountPoint)).not.toContain('/');
    expect(listed.map((d) => d.status)).not.toContain('system');
  });

  it('create (prepare) then commit in separate processes: the prepared key waits sealed in the station', async () => {
    const created = await json(
      'create',
      'Flash 9100',
      '--serial',
      '78E00AB',
      '--min',
      '3',
      '--drive',
      mount('C1'),
      '--drive',
      mount('C2'),
      '--drive',
      mount('C3'),
    );
    expect(created).toMatchObject({
      action: 'create',
      generation: 1,
      written: 3,
      failed: 0,
      keySet: { name: 'Flash 9100', serial: '78E00AB', state: 'preparing', canCommit: true },
    });
    expect(created.jobId).toMatch(/^job-/);
    const committed = await usb('commit', 'Flash 9100');
    expect(committed.code, committed.stderr).toBe(0);
    expect(committed.stdout).toMatch(/^Generation 1 of "Flash 9100" is now current \(KCV [0-9A-F]{16}\), 3 copies\.$/m);
  });

  it('copies and validate report the custody record and what each drive holds', async () => {
    const copies = await json('copies', 'Flash 9100');
    expect(copies.keySet).toMatchObject({
      state: 'active',
      generation: 1,
      currentCopies: 3,
      minCopies: 3,
      targetCopies: 4,
    });
    expect(
      copies.copies
        .map((c: { driveLabel: string; state: string; inserted: boolean }) => [c.driveLabel, c.state, c.inserted])
        .sort(),
    ).toEqual([
      ['C1', 'committed', true],
      ['C2', 'committed', true],
      ['C3', 'committed', true],
    ]);
    const kept = await json('custody', copies.copies[0].id, '--kept-at', 'Safe B, shelf 2', '--custodian', 'Ann');
    expect(kept).toMatchObject({ keptAt: 'Safe B, shelf 2', custodian: 'Ann' });
    const validated = await usb('validate', 'Flash 9100');
    expect(validated.code).toBe(0);
    expect(validated.stdout).toContain('3 inserted drives hold the current key of "Flash 9100".');
    const all = await json('validate');
    expect(all.keySet).toBeNull();
  });

  it('rekey, add-copies and cancel', async () => {
    const rekeyed = await json('rekey', 'Flash 9100', '--drive', mount('C1'), '--drive', mount('C4'));
    expect(rekeyed).toMatchObject({
      action: 'rekey',
      generation: 2,
      written: 2,
      keySet: { state: 'rekeying', canCommit: false },
    });
    const refused = await usb('commit', 'Flash 9100');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^custos: USB_TOO_FEW_COPIES: "Flash 9100" has 2 verified copies of generation 2; at least 3 are needed/,
    );
    const cancelled = await json('cancel', 'Flash 9100');
    expect(cancelled).toMatchObject({ generation: 2, keySet: { state: 'active', generation: 1 } });
    expect(cancelled.erased).toHaveLength(2);
    const more = await json('add-copies', 'Flash 9100', '--drive', mount('C4'));
    expect(more).toMatchObject({ action: 'add-copies', generation: 1, written: 1, keySet: { currentCopies: 4 } });
  });

  it('errors: unknown key set, blocked drive, usage', async () => {
    expect(await usb('commit', 'Nope')).toMatchObject({
      code: 1,
      stderr: 'custos: USB_KEYSET_UNKNOWN: This station has no USB key set named "Nope".\n',
    });
    const exists = await usb('create', 'flash 9100');
    expect(exists.stderr).toBe(
      'custos: USB_KEYSET_EXISTS: A USB key set named "Flash 9100" already exists (active).\n',
    );
    const unknownDrive = await usb('create', 'Other', '--drive', '/nowhere');
    expect(unknownDrive.stderr).toBe(
      'custos: USB_DRIVE_UNKNOWN: No drive is mounted at /nowhere. Insert it, or list the drives with "custos usb drives".\n',
    );
    const notAllowed = await cli(['--home', home.path, 'usb', 'create', 'Other', '--drive', mount('C1')], env);
    expect(notAllowed.stderr).toMatch(/^custos: USB_DRIVE_NOT_REMOVABLE: C1 is not a removable drive/);
    expect((await usb('create', 'Other', '--min', '2')).stderr).toMatch(/^custos: USB_COPIES_INVALID: /);
    expect((await usb('create', 'Other', '--min', 'two')).code).toBe(2);
    expect((await usb('erase', 'Flash 9100')).code).toBe(2);
  });

  it('lost: the copy id twice, then the copy stops counting, audited', async () => {
    const { copies } = (await json('copies', 'Flash 9100')) as {
      copies: { id: string; driveLabel: string; state: string }[];
    };
    const c4 = copies.find((c) => c.driveLabel === 'C4' && c.state === 'committed');
    expect(c4).toBeDefined();
    const id = c4?.id ?? '';
    const wrong = await usb('lost', id, '--confirm', 'C4');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^custos: USB_LOST_NOT_CONFIRMED: .*nothing was changed\.$/m);
    const lost = await json('lost', id, '--confirm', id);
    expect(lost).toMatchObject({ id, state: 'lost' });
    expect(await json('keysets')).toMatchObject([{ name: 'Flash 9100', currentCopies: 3 }]);
    const audit = await cli(['--home', home.path, '--json', 'audit', 'list', '--action', 'usb.copy-lost'], env);
    expect(JSON.parse(audit.stdout)).toMatchObject([{ action: 'usb.copy-lost', object: 'Flash 9100', outcome: 'ok' }]);
  });

  it('erase: typed confirmation, then every copy overwritten and deleted', async () => {
    const wrong = await usb('erase', 'Flash 9100', '--confirm', 'flash 9100');
    expect(wrong).toMatchObject({ code: 1 });
    expect(wrong.stderr).toMatch(/^custos: USB_ERASE_NOT_CONFIRMED: /);
    const erased = await usb('erase', 'Flash 9100', '--confirm', 'Flash 9100');
    expect(erased.code, erased.stderr).toBe(0);
    expect(erased.stdout).toMatch(/^"Flash 9100" is crypto-erased: 4 key files overwritten and deleted\.$/m);
    const after = await json('keysets');
    expect(after).toMatchObject([{ name: 'Flash 9100', state: 'erased' }]);
  });
});
