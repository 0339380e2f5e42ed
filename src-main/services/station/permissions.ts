import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How deep below the home the repair looks: the home and what lies directly in it, the files
 * Custos owns there (station.db, its WAL, the lock) and the folders it makes (exports/, logs/,
 * backups/). Those folders being 0700 is what keeps their contents from other users, whatever
 * each file's own mode; walking into them made every open slower with every export and backup
 * (20 ms of a 22 ms open with 3 000 files), for no more protection.
 */
const MAX_DEPTH = 1;

/**
 * The station home is the custodian's alone: the folder and every folder in it 0700, every file
 * 0600. Another local user who could read station.db could guess passphrases offline. What was
 * too open is repaired, and each repair is returned as a sentence, so the custodian is told.
 * Links are left alone (chmod would follow them out of the home). POSIX only.
 */
export function secureHome(home: string, platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'win32') return [];
  const repairs: string[] = [];
  const visit = (path: string, depth: number, relative: string): void => {
    const label = relative ? `The file ${relative} in the station home` : 'The station home';
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      return;
    }
    if (stat.isSymbolicLink()) return;
    const wanted = stat.isDirectory() ? 0o700 : 0o600;
    const mode = stat.mode & 0o777;
    if (mode & 0o077) {
      try {
        chmodSync(path, wanted);
        repairs.push(
          `${label} was readable by other users (mode ${mode.toString(8)}); it is now ${wanted.toString(8)}.`,
        );
      } catch {
        repairs.push(`${label} is readable by other users (mode ${mode.toString(8)}) and could not be repaired.`);
      }
    }
    if (!stat.isDirectory() || depth >= MAX_DEPTH) return;
    let names: string[];
    try {
      names = readdirSync(path);
    } catch {
      return;
    }
    for (const name of names) visit(join(path, name), depth + 1, relative ? `${relative}/${name}` : name);
  };
  visit(home, 0, '');
  return repairs;
}
