import { chmodSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { secureHome } from '../../../src-main/services/station';
import { tempDir } from '../../helpers/temp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

describe.skipIf(process.platform === 'win32')('the station home kept to the custodian', () => {
  it('repairs the home, the files Custos owns in it and the folders it makes, and says so once', () => {
    const dir = tempDir('custos-modes-');
    cleanups.push(dir.cleanup);
    const home = dir.path;
    writeFileSync(join(home, 'station.db'), '', { mode: 0o644 });
    mkdirSync(join(home, 'exports'), { mode: 0o755 });
    mkdirSync(join(home, 'backups'), { mode: 0o700 });
    writeFileSync(join(home, 'exports', 'kek.p12'), '', { mode: 0o600 });
    chmodSync(home, 0o755);
    chmodSync(join(home, 'station.db'), 0o644);
    chmodSync(join(home, 'exports'), 0o755);

    const repairs = secureHome(home);
    expect(repairs).toEqual([
      'The station home was readable by other users (mode 755); it is now 700.',
      expect.stringMatching(/^The file (exports|station\.db) in the station home was readable/),
      expect.stringMatching(/^The file (exports|station\.db) in the station home was readable/),
    ]);
    expect(repairs.join('\n')).toContain(
      'The file station.db in the station home was readable by other users (mode 644); it is now 600.',
    );
    expect(repairs.join('\n')).toContain(
      'The file exports in the station home was readable by other users (mode 755); it is now 700.',
    );
    expect([modeOf(home), modeOf(join(home, 'station.db')), modeOf(join(home, 'exports'))]).toEqual([
      '700',
      '600',
      '700',
    ]);
    expect(secureHome(home)).toEqual([]);
  });

  it('leaves links alone: chmod would follow them out of the home', () => {
    const dir = tempDir('custos-modes-');
    const outside = tempDir('custos-outside-');
    cleanups.push(dir.cleanup, outside.cleanup);
    const target = join(outside.path, 'shared.txt');
    writeFileSync(target, '', { mode: 0o644 });
    chmodSync(target, 0o644);
    chmodSync(dir.path, 0o700);
    symlinkSync(target, join(dir.path, 'link'));
    expect(secureHome(dir.path)).toEqual([]);
    expect(modeOf(target)).toBe('644');
  });

  it('says nothing on Windows, where modes are not POSIX', () => {
    const dir = tempDir('custos-modes-');
    cleanups.push(dir.cleanup);
    chmodSync(dir.path, 0o755);
    expect(secureHome(dir.path, 'win32')).toEqual([]);
  });
});
