import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeKeyFile } from '../../../src-main/services/usb/keyfile';
import { writeKeyCopy } from '../../../src-main/services/usb/write';
import { usbRig } from './rig';
import type { UsbRig } from './rig';

/** What real sticks do to a write: pulled mid-write, full, write-protected. */
let rig: UsbRig;
beforeAll(async () => {
  rig = await usbRig(['F1', 'F2', 'F3', 'PULLED', 'FULL', 'RO']);
});
afterAll(async () => {
  await rig?.cleanup();
});

const sample = () =>
  encodeKeyFile({
    keySetId: '11111111-2222-4333-8444-555555555555',
    generation: 1,
    createdAt: new Date(0),
    keySetName: 'Sample',
    serial: '',
    kcv: '',
    key: Buffer.alloc(32, 9),
  });

describe('drive faults during a write', () => {
  it('a drive pulled mid-write fails only its own copy, which never counts', async () => {
    rig.faults.beforePhase = async (drive, phase) => {
      // Pulled after the key bytes went to the temp file, before fsync made them durable.
      if (drive.label === 'PULLED' && phase === 'syncing') await rig.drive('PULLED').pull();
    };
    try {
      const result = await (
        await rig.usb.create({ name: 'Pulled', drives: rig.mounts('F1', 'F2', 'F3', 'PULLED') })
      ).done;
      const pulled = result.outcomes.find((o) => o.drive.label === 'PULLED');
      expect(pulled).toMatchObject({ ok: false, copyId: null, code: 'USB_DRIVE_GONE' });
      expect(pulled?.sentence).toMatch(
        /^The USB drive PULLED went away while writing custos_pulled_1\.key \((ENOTCONN|EIO)\); this copy failed and does not count\./,
      );
      expect(result).toMatchObject({ written: 3, failed: 1 });
      expect(result.keySet.pendingCopies).toBe(3);
    } finally {
      rig.faults.beforePhase = undefined;
    }
    expect(rig.station.audit.list({ action: 'usb.copy-failed' })[0]).toMatchObject({
      outcome: 'failed',
      detail: 'generation 1 on PULLED: USB_DRIVE_GONE',
    });
    const listed = (await rig.usb.listDrives()).find((d) => d.mountPoint === rig.drive('PULLED').mountPoint);
    expect(listed).toMatchObject({ status: 'unreachable', blocked: true });
    await expect(rig.usb.addCopies('Pulled', rig.mounts('PULLED'))).rejects.toMatchObject({ code: 'USB_DRIVE_GONE' });

    // Plugged back in: no usable key file on it, and the station never recorded it as a copy.
    await rig.drive('PULLED').replug();
    const names = readdirSync(rig.drive('PULLED').mountPoint);
    expect(names.filter((n) => n === 'custos_pulled_1.key')).toEqual([]);
    const v = await rig.usb.validate('Pulled');
    const files = v.drives.find((d) => d.drive.label === 'PULLED')?.files ?? [];
    expect(files.every((f) => f.verdict === 'unfinished')).toBe(true);
    expect((await rig.usb.copies('Pulled')).map((c) => c.driveLabel).sort()).toEqual(['F1', 'F2', 'F3']);
    const committed = await rig.usb.commit('Pulled');
    expect(committed.keySet.currentCopies).toBe(3);
  });

  it('a full drive is blocked, and a write that runs out of space says USB_DRIVE_FULL', async () => {
    const full = rig.drive('FULL');
    await full.fill();
    const listed = (await rig.usb.listDrives()).find((d) => d.mountPoint === full.mountPoint);
    expect(listed).toMatchObject({ status: 'too-small', blocked: true });
    expect(listed?.freeBytes).toBeLessThan(1024 * 1024);
    await expect(rig.usb.create({ name: 'Full', drives: [full.mountPoint] })).rejects.toMatchObject({
      code: 'USB_DRIVE_FULL',
    });
    expect(rig.usb.listKeySets().map((s) => s.name)).not.toContain('Full');
    await expect(writeKeyCopy(full, 'custos_sample_1.key', sample(), () => false)).rejects.toMatchObject({
      code: 'USB_DRIVE_FULL',
      message: 'The USB drive FULL is full; free some space on it or use another drive.',
    });
    expect(readdirSync(full.mountPoint).filter((n) => n.includes('custos'))).toEqual([]);
  });

  it('a read-only drive is blocked, and a write to it says USB_DRIVE_READ_ONLY', async () => {
    const ro = rig.drive('RO');
    await ro.remount('ro');
    try {
      const listed = (await rig.usb.listDrives()).find((d) => d.mountPoint === ro.mountPoint);
      expect(listed).toMatchObject({ status: 'read-only', blocked: true, readOnly: true });
      await expect(rig.usb.addCopies('Pulled', [ro.mountPoint])).rejects.toMatchObject({ code: 'USB_DRIVE_READ_ONLY' });
      await expect(writeKeyCopy(ro, 'custos_sample_1.key', sample(), () => false)).rejects.toMatchObject({
        code: 'USB_DRIVE_READ_ONLY',
      });
      // Default selection skips it.
      const started = await rig.usb.addCopies('Pulled');
      expect(started.drives.map((d) => d.label)).not.toContain('RO');
      await started.done;
    } finally {
      await ro.remount('rw');
    }
  });

  it('cancelling the write job stops the copies not yet complete; they do not count and leave no temp file', async () => {
    rig.faults.beforePhase = (drive, phase) => {
      if (drive.label !== 'F1' || phase !== 'writing') return;
      const job = rig.station.jobs.list().find((j) => j.kind === 'usb.create' && j.state === 'running');
      if (job) rig.station.jobs.cancel(job.id);
    };
    try {
      const started = await rig.usb.create({ name: 'Stopped', drives: rig.mounts('F1', 'F2', 'F3') });
      const result = await started.done;
      expect(result.cancelled).toBe(true);
      expect(result.outcomes.every((o) => o.ok || o.code === 'USB_COPY_CANCELLED')).toBe(true);
      expect(result.outcomes.find((o) => o.drive.label === 'F1')).toMatchObject({
        ok: false,
        code: 'USB_COPY_CANCELLED',
      });
      expect(result.keySet.pendingCopies).toBe(result.written);
      expect(rig.station.jobs.list().find((j) => j.id === started.jobId)?.state).toBe('cancelled');
    } finally {
      rig.faults.beforePhase = undefined;
    }
    for (const m of rig.mounts('F1', 'F2', 'F3')) expect(readdirSync(m).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    await rig.usb.cancel('Stopped');
  });
});
