import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli';
import { PASSPHRASE, unlockedStation } from '../../helpers/station';

// Which key server `custos kmip` talks to is chosen by its options; mixes that name none are usage errors.

let home: string;
let cleanup: () => void;

beforeAll(async () => {
  const s = await unlockedStation();
  home = s.home;
  cleanup = s.cleanup;
  s.station.close();
});

afterAll(() => cleanup());

const run = (...argv: string[]) => cli(['--home', home, ...argv], { CUSTOS_PASSPHRASE: PASSPHRASE });

describe('custos kmip connection modes', () => {
  it('raw-mode options without --address are a usage error', async () => {
    const out = await run('kmip', 'query', '--ca', 'ca.pem', '--key', 'k.pem');
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^custos: USAGE: --ca, --key go with --address \(raw mode\)/);
  });

  it('--server and --address together, or --address without --ca, are usage errors', async () => {
    const both = await run('kmip', 'query', '--server', 'kms', '--address', '127.0.0.1:5696', '--ca', 'ca.pem');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('not both');
    const noCa = await run('kmip', 'query', '--address', '127.0.0.1:5696');
    expect(noCa.code).toBe(2);
    expect(noCa.stderr).toContain('raw mode needs --ca');
  });

  it('register in registered mode takes --cert once (the certificate to register)', async () => {
    const out = await run('kmip', 'register', '--name', 'x');
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('register needs --cert once');
  });

  it("without servers registered, the station's pair says so", async () => {
    const read = await run('kmip', 'query');
    expect(read.code).toBe(1);
    expect(read.stderr).toBe('custos: KMIP_NO_SERVER: No key server is configured.\n');
    const change = await run('kmip', 'create', '--name', 'k');
    expect(change.code).toBe(1);
    expect(change.stderr).toMatch(/^custos: KMIP_PRIMARY_UNAVAILABLE: No key server is configured/);
    const unknown = await run('kmip', 'query', '--server', 'nope');
    expect(unknown.stderr).toMatch(/^custos: SERVER_UNKNOWN: /);
  });
});
