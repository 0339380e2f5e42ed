import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The built reader sits beside the bundle that loads it (build/main/, for the CLI and Electron alike). */
const BUILT = 'keystore-reader.cjs';

let fromSource: Promise<string> | null = null;

/**
 * Where the reading thread's script is. Bundled runs (custos, Electron) load the file the build
 * emitted; runs from the TypeScript sources (the tests) bundle the entry once with esbuild, the
 * same tool and settings the build uses, so the tests exercise a real thread too.
 */
export function readerScript(): Promise<string> {
  const built = join(__dirname, BUILT);
  if (existsSync(built)) return Promise.resolve(built);
  fromSource ??= bundleFromSource();
  return fromSource;
}

async function bundleFromSource(): Promise<string> {
  const entry = join(__dirname, 'worker-entry.ts');
  if (!existsSync(entry)) throw new Error(`The keystore reader is missing: ${join(__dirname, BUILT)}.`);
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  const dir = mkdtempSync(join(tmpdir(), 'custos-reader-'));
  const out = join(dir, BUILT);
  writeFileSync(out, result.outputFiles[0]?.contents ?? '', { mode: 0o600 });
  return out;
}
