import { openStation } from '../../src-main/services';
import type { OpenStation } from '../../src-main/services';
import { tempDir } from './temp';

export const PASSPHRASE = 'correct horse battery staple';

/** A station in a temp home, without the OS keychain and with the cheapest allowed scrypt cost; `cleanup` closes and removes it. */
export function testStation(): { station: OpenStation; home: string; cleanup: () => void } {
  const dir = tempDir('custos-station-');
  const station = openStation(dir.path, { via: 'cli', keychain: null, kdfLogN: 15 });
  return {
    station,
    home: dir.path,
    cleanup: () => {
      try {
        station.close();
      } catch {
        // already closed by the test
      }
      dir.cleanup();
    },
  };
}

/** A station with an unlocked vault. */
export async function unlockedStation() {
  const s = testStation();
  await s.station.vault.create(PASSPHRASE);
  return s;
}
