// What `npm start` runs: the Electron app when its binary is here or can be fetched now, else the
// browser host with one line saying why. npm install never downloads the binary (package.json
// allowScripts denies electron's postinstall, so an offline install succeeds); the first start
// fetches it instead. Pure: the machine is passed in, so test/unit can drive every branch.

/**
 * @param {object} machine
 * @param {string | null} machine.binary  the Electron binary's path when it is already here
 * @param {boolean} machine.skipDownload   ELECTRON_SKIP_BINARY_DOWNLOAD is set: the user asked for no download
 * @param {() => { ok: true } | { ok: false, reason: string }} machine.fetch  runs electron's own installer
 * @param {() => string | null} machine.locate  looks for the binary again after a fetch
 */
export function chooseShell({ binary, skipDownload, fetch, locate }) {
  if (binary) return { kind: 'electron', path: binary, fetched: false };
  if (skipDownload) {
    return { kind: 'browser', reason: 'the Electron binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD is set' };
  }
  const fetched = fetch();
  if (!fetched.ok) return { kind: 'browser', reason: `the Electron binary could not be fetched (${fetched.reason})` };
  const path = locate();
  if (!path) return { kind: 'browser', reason: 'the Electron binary was fetched but is not where electron expects it' };
  return { kind: 'electron', path, fetched: true };
}

/**
 * The cause of a failed fetch in a few words, from what electron's installer wrote: it prints an
 * error's stack, whose first line (`RequestError: getaddrinfo ENOTFOUND github.com`) says it all.
 */
export function fetchFailureReason(output, status) {
  const line = output
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('at ') && !/^[-=]+$/.test(l));
  if (!line) return status === null ? 'the installer was stopped' : `electron's installer exited with ${status}`;
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

/** The one line printed when Custos starts in the browser instead. */
export function fallbackLine(reason) {
  return `custos: ${reason}, so Custos starts its browser host instead (custos serve --open); open the address below in Chromium.`;
}
