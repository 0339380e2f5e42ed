// Builds everything Custos runs: the main-process bundles (esbuild) and the renderer (Vite).
//   build/main/electron.cjs  the Electron shell        build/main/preload.cjs  the sandboxed preload
//   build/main/cli.cjs       the custos CLI and host   build/renderer/         the UI bundle
//   build/main/keystore-reader.cjs  the worker thread that reads untrusted keystore files
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';

rmSync('build', { recursive: true, force: true });
mkdirSync('build/main', { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
  // Native modules and Electron load at run time from node_modules (electron-builder rebuilds them).
  packages: 'external',
};

await Promise.all([
  esbuild({ ...common, entryPoints: ['src-main/app/main.ts'], outfile: 'build/main/electron.cjs' }),
  esbuild({ ...common, entryPoints: ['src-main/cli/main.ts'], outfile: 'build/main/cli.cjs' }),
  // Untrusted keystore files are parsed in worker threads; the CLI and Electron load this beside themselves.
  esbuild({
    ...common,
    entryPoints: ['src-main/services/keystore/reading/worker-entry.ts'],
    outfile: 'build/main/keystore-reader.cjs',
  }),
  // A sandboxed preload may only require('electron'): everything else is bundled in.
  esbuild({
    ...common,
    packages: undefined,
    external: ['electron'],
    entryPoints: ['src-main/preload/index.ts'],
    outfile: 'build/main/preload.cjs',
    target: 'chrome120',
    minify: true,
  }),
  vite({ configFile: 'vite.config.ts', logLevel: 'warn' }),
]);
copyFileSync('assets/icon.png', 'build/icon.png');
writeFileSync('build/.stamp', new Date().toISOString());
console.log('custos: built into build/');
