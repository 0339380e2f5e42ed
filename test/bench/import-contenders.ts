// The two sides of the keystore import benchmarks: Custos importing a file into a fresh station
// (preview + commit, as the Import screen and `custos keystore import` do) and keytool
// -importkeystore of the same file into a new PKCS#12. Each call is one timed run.
import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { openStation } from '../../src-main/services';
import { timed, timedCommand } from './measure';

/**
 * The bench runs bundled from a temp folder: the keystore reader threads are the ones the build
 * emitted (build/main/keystore-reader.cjs), copied beside the bundle where the import looks.
 */
export function useBuiltKeystoreReader(): void {
  const reader = join('build', 'main', 'keystore-reader.cjs');
  if (!existsSync(reader)) throw new Error('Run "npm run build" first: the keystore reader thread is built.');
  copyFileSync(reader, join(__dirname, 'keystore-reader.cjs'));
}

export interface ImportRun {
  /** Folder for the stations and keytool's output (removed by the caller). */
  readonly scratch: string;
  /** The keystore file both sides import. */
  readonly file: string;
  readonly storePassword: string;
  /** Entries each side must report imported. */
  readonly expected: number;
}

/** Milliseconds for Custos to read, preview and commit the file into a fresh station (its vault made untimed). */
export function custosImport(run: ImportRun, passphrase: string): () => Promise<number> {
  let count = 0;
  return async () => {
    const home = join(run.scratch, `station-${++count}`);
    const station = openStation(home, { via: 'cli', keychain: null, kdfLogN: 15 });
    try {
      await station.vault.create(passphrase);
      return await timed(async () => {
        const preview = await station.imports.preview({
          fileName: basename(run.file),
          bytes: readFileSync(run.file),
          storePassword: run.storePassword,
        });
        const result = station.imports.commit(preview.previewId, 'fail', []);
        if (result.imported.length !== run.expected)
          throw new Error(`Custos imported ${result.imported.length} entries, not ${run.expected}.`);
      });
    } finally {
      station.close();
      rmSync(home, { recursive: true, force: true });
    }
  };
}

/** Milliseconds for keytool -importkeystore of the file into a new PKCS#12, JVM start-up included. */
export function keytoolImport(run: ImportRun, sourceType: 'PKCS12' | 'JCEKS'): () => number {
  return () => {
    const dest = join(run.scratch, 'keytool-copy.p12');
    rmSync(dest, { force: true });
    const { ms, stdout, stderr } = timedCommand('keytool', [
      '-importkeystore',
      '-noprompt',
      '-srckeystore',
      run.file,
      '-srcstoretype',
      sourceType,
      '-srcstorepass',
      run.storePassword,
      '-destkeystore',
      dest,
      '-deststoretype',
      'PKCS12',
      '-deststorepass',
      run.storePassword,
    ]);
    // keytool reports on stderr: "Import command completed:  10,000 entries successfully imported, 0 entries failed or cancelled".
    const report = `${stdout}\n${stderr}`;
    if (!report.includes(`${run.expected.toLocaleString('en-US')} entries successfully imported`))
      throw new Error(`keytool did not import every entry: ${report.slice(-300)}`);
    return ms;
  };
}
