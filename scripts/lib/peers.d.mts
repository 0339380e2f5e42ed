// Types for peers.mjs, so the unit tests (strict TypeScript) can import it.
export interface Peer {
  readonly name: string;
  readonly for: string;
  readonly packages: readonly string[];
  readonly needs: readonly string[];
}
export interface MissingPeer {
  readonly peer: Peer;
  readonly unmet: readonly string[];
}
export type Exists = (path: string) => boolean;

export function parsePeers(text: string): Peer[];
export function aptPackages(peers: readonly Peer[]): string[];
export function commandDirs(pathValue: string | undefined): string[];
export function needMet(need: string, dirs: readonly string[], exists: Exists): boolean;
export function missingPeers(peers: readonly Peer[], dirs: readonly string[], exists: Exists): MissingPeer[];
export function installCommand(packages: readonly string[], options: { root: boolean }): string;
export function describeMissing(missing: readonly MissingPeer[]): string[];
