import { stationDatabaseOf } from '../../../src-main/services';
import { execFileSync } from 'node:child_process';
import { createPublicKey, X509Certificate } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCustosError } from '../../../src-main/contract';
import { loadLibrary, Tokens } from '../../../src-main/services/tokens';
import type { Cryptoki } from '../../../src-main/services/tokens';
import { unlockedStation } from '../../helpers/station';
import { ckr, softHsm, SOFTHSM_MODULE, USER_PIN, withFaults } from '../../helpers/softhsm';

const hsm = softHsm(['Custos A', 'Spare']);
afterAll(() => hsm.cleanup());

function codeOf(work: () => unknown): string {
  try {
    work();
  } catch (e) {
    if (isCustosError(e)) return e.code;
    throw e;
  }
  return 'no error';
}

describe('a SoftHSM2 token as a keystore', () => {
  let s: Awaited<ReturnType<typeof unlockedStation>>;
  beforeAll(async () => {
    s = await unlockedStation();
  });
  afterAll(() => s.cleanup());

  it('lists the module, its slots and tokens', () => {
    const [module] = s.station.tokens.slots(SOFTHSM_MODULE);
    const token = module?.slots.find((slot) => slot.token?.label === 'Custos A')?.token;
    expect(token).toMatchObject({ manufacturer: 'SoftHSM project', model: 'SoftHSM v2' });
    expect(token?.serial).toMatch(/^[0-9a-f]{16}$/);
    expect(token?.flags).toContain('login required');
  });

  it('adds the token, refuses a wrong PIN by name, logs in', () => {
    s.station.tokens.add({ name: 'HSM', modulePath: SOFTHSM_MODULE, tokenLabel: 'Custos A' });
    expect(codeOf(() => s.station.tokens.login('HSM', '0000'))).toBe('TOKEN_PIN_INCORRECT');
    expect(() => s.station.tokens.login('HSM', '0000')).toThrow(/CKR_PIN_INCORRECT/);
    expect(s.station.tokens.login('HSM', USER_PIN)).toMatchObject({ loggedIn: true, present: true });
    const audit = JSON.stringify(s.station.audit.list({}));
    expect(audit).not.toContain(USER_PIN);
  });

  it('makes a KEK on the token that pkcs11-tool sees as sensitive and never extractable', () => {
    const entry = s.station.tokens.createKek({ token: 'HSM', label: 'Vault KEK', bits: 2048 });
    expect(entry).toMatchObject({ type: 'kek', store: 'token:HSM', hasSecret: true, keyBits: 2048 });
    const listing = hsm.pkcs11Tool(['--token-label', 'Custos A', '--login', '--pin', USER_PIN, '--list-objects']);
    const privateKey = listing
      .split(/\n(?=\S)/)
      .find((o) => o.startsWith('Private Key Object') && o.includes('Vault KEK'));
    expect(privateKey).toMatch(/Access:\s+sensitive, always sensitive, never extractable, local/);
    expect(listing).toMatch(/Certificate Object; type = X\.509 cert\s+label:\s+Vault KEK/);
    const ids = [...listing.matchAll(/label:\s+Vault KEK\s+[^]*?ID:\s+([0-9a-f]+)/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(1);
    const shown = s.station.tokens.show('HSM');
    expect(shown.objects.find((o) => o.kind === 'private-key')).toMatchObject({ entryLabel: 'Vault KEK', bits: 2048 });
  });

  it('wraps to the token KEK and unwraps on the token', () => {
    const { file, kcv } = s.station.eedk.wrap({ keks: [{ label: 'Vault KEK', encoding: 'L' }] });
    const result = s.station.eedk.unwrap(file);
    expect(result).toMatchObject({ kcv, kekLabel: 'Vault KEK' });
  });

  it('refuses to export the private part', () => {
    expect(codeOf(() => s.station.keystore.secretOf('Vault KEK'))).toBe('KEY_NOT_EXTRACTABLE');
  });

  it('adopts a key pair made by pkcs11-tool, which then unwraps an EEDK', () => {
    hsm.pkcs11Tool([
      '--token-label',
      'Custos A',
      '--login',
      '--pin',
      USER_PIN,
      '--keypairgen',
      '--key-type',
      'rsa:2048',
      '--label',
      'Partner KEK',
      '--id',
      '01',
    ]);
    const adopted = s.station.tokens.adopt('HSM');
    expect(adopted.map((e) => e.label)).toEqual(['Partner KEK']);
    expect(adopted[0]).toMatchObject({ store: 'token:HSM', origin: 'adopted from token HSM' });
    expect(s.station.tokens.adopt('HSM')).toEqual([]);
    const { file, kcv } = s.station.eedk.wrap({ keks: [{ label: 'Partner KEK', encoding: 'H' }] });
    expect(s.station.eedk.unwrap(file)).toMatchObject({ kcv, kekLabel: 'Partner KEK', encoding: 'H' });
  });

  it('unwraps on another station home an EEDK wrapped there to this token', async () => {
    const { file, kcv } = s.station.eedk.wrap({ keks: [{ label: 'Vault KEK', encoding: 'H' }] });
    const other = await unlockedStation();
    try {
      other.station.tokens.add({ name: 'Same HSM', modulePath: SOFTHSM_MODULE, tokenLabel: 'Custos A' });
      other.station.tokens.login('Same HSM', USER_PIN);
      const adopted = other.station.tokens.adopt('Same HSM').map((e) => e.label);
      expect(adopted).toEqual(expect.arrayContaining(['Vault KEK', 'Partner KEK']));
      expect(other.station.eedk.unwrap(file)).toMatchObject({ kcv, kekLabel: 'Vault KEK' });
    } finally {
      other.cleanup();
    }
    // The other station's logout must not log this one out (PKCS#11 logs in the application).
    expect(s.station.eedk.unwrap(file)).toMatchObject({ kcv, kekLabel: 'Vault KEK' });
  });

  it('signs a certificate request on the token that openssl verifies', () => {
    const pem = s.station.tokens.certificateRequest('Vault KEK', 'CN=custos-station, O=Bank', ['station.example']);
    const out = execFileSync('openssl', ['req', '-verify', '-noout', '-text'], {
      input: pem,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    expect(out).toContain('CN = custos-station');
    const spki = (der: Buffer) =>
      createPublicKey({ key: der, format: 'der', type: 'spki' }).export({ format: 'jwk' }).n;
    const csrKey = execFileSync('openssl', ['req', '-pubkey', '-noout'], { input: pem, encoding: 'utf8' });
    expect(createPublicKey(csrKey).export({ format: 'jwk' }).n).toBe(
      spki(
        new X509Certificate(s.station.keystore.certificateOf('Vault KEK')).publicKey.export({
          type: 'spki',
          format: 'der',
        }),
      ),
    );
  });

  it('logs out; then unwrapping asks for a login', () => {
    const { file } = s.station.eedk.wrap({ keks: [{ label: 'Vault KEK', encoding: 'L' }] });
    s.station.tokens.logout('HSM');
    expect(codeOf(() => s.station.eedk.unwrap(file))).toBe('TOKEN_NOT_LOGGED_IN');
    s.station.tokens.login('HSM', USER_PIN);
  });
});

describe('refusals that explain', () => {
  let s: Awaited<ReturnType<typeof unlockedStation>>;
  beforeAll(async () => {
    s = await unlockedStation();
  });
  afterAll(() => s.cleanup());

  it('names a module that is not there', () => {
    expect(codeOf(() => s.station.tokens.slots('/nowhere/libpkcs11.so'))).toBe('TOKEN_MODULE_UNUSABLE');
  });

  it('names a token that is absent', () => {
    expect(codeOf(() => s.station.tokens.add({ name: 'X', modulePath: SOFTHSM_MODULE, tokenLabel: 'Nope' }))).toBe(
      'TOKEN_ABSENT',
    );
    const moved = hsm.moduleCopy('gone');
    s.station.tokens.add({ name: 'Moved', modulePath: moved, tokenLabel: 'Spare' });
    rmSync(moved);
    expect(codeOf(() => s.station.tokens.login('Moved', USER_PIN))).toBe('TOKEN_MODULE_UNUSABLE');
    expect(s.station.tokens.list().find((t) => t.name === 'Moved')?.present).toBe(false);
  });
});

describe('refusals a real SoftHSM cannot be made to give (fault injection on a copy of the module)', () => {
  let s: Awaited<ReturnType<typeof unlockedStation>>;
  beforeAll(async () => {
    s = await unlockedStation();
  });
  afterAll(() => s.cleanup());

  /** Tokens over a copy of SoftHSM whose calls `faults` replaces. */
  function faultyTokens(name: string, faults: (real: Cryptoki) => Partial<Record<keyof Cryptoki, unknown>>) {
    const modulePath = hsm.moduleCopy(name);
    const { audit, vault, keystore } = s.station;
    const db = stationDatabaseOf(s.station);
    const tokens = new Tokens({
      db,
      audit,
      vault,
      keystore,
      keychain: null,
      loadModule: (path) => {
        const real = loadLibrary(path);
        return withFaults(real, faults(real));
      },
    });
    tokens.add({ name, modulePath, tokenLabel: 'Spare' });
    return tokens;
  }

  function spareObjects(): string {
    return hsm.pkcs11Tool(['--token-label', 'Spare', '--login', '--pin', USER_PIN, '--list-objects']);
  }

  it('a locked PIN (CKR_PIN_LOCKED)', () => {
    const tokens = faultyTokens('locked', () => ({
      C_Login: () => {
        throw ckr('CKR_PIN_LOCKED', 0xa4);
      },
    }));
    try {
      expect(codeOf(() => tokens.login('locked', USER_PIN))).toBe('TOKEN_PIN_LOCKED');
      expect(() => tokens.login('locked', USER_PIN)).toThrow(/CKR_PIN_LOCKED.*security officer/);
    } finally {
      tokens.close();
    }
  });

  it('a full token (CKR_DEVICE_MEMORY) leaves nothing half-made', () => {
    const tokens = faultyTokens('full', () => ({
      C_CreateObject: () => {
        throw ckr('CKR_DEVICE_MEMORY', 0x31);
      },
    }));
    try {
      tokens.login('full', USER_PIN);
      expect(codeOf(() => tokens.createKek({ token: 'full', label: 'Too Many', bits: 2048 }))).toBe('TOKEN_FULL');
      expect(spareObjects()).not.toContain('Too Many');
      expect(s.station.keystore.isLabelTaken('Too Many')).toBe(false);
    } finally {
      tokens.close();
    }
  });

  it('a missing mechanism (CKR_MECHANISM_INVALID): no OAEP-SHA-256 and no raw RSA', () => {
    const tokens = faultyTokens('nomech', (real) => ({
      C_GetMechanismList: (slot: Buffer) => real.C_GetMechanismList(slot).filter((m) => m !== 3),
      C_DecryptInit: () => {
        throw ckr('CKR_MECHANISM_INVALID', 0x70);
      },
    }));
    try {
      tokens.login('nomech', USER_PIN);
      tokens.createKek({ token: 'nomech', label: 'No Mech KEK', bits: 2048 });
      const { file } = s.station.eedk.wrap({ keks: [{ label: 'No Mech KEK', encoding: 'L' }] });
      expect(codeOf(() => s.station.eedk.unwrap(file))).toBe('TOKEN_MECHANISM_MISSING');
      expect(() => s.station.eedk.unwrap(file)).toThrow(/CKR_MECHANISM_INVALID/);
    } finally {
      tokens.close();
    }
  });

  it('a key-pair mechanism the token lacks leaves nothing behind', () => {
    const tokens = faultyTokens('nogen', () => ({
      C_GenerateKeyPair: () => {
        throw ckr('CKR_MECHANISM_INVALID', 0x70);
      },
    }));
    try {
      tokens.login('nogen', USER_PIN);
      expect(codeOf(() => tokens.createKek({ token: 'nogen', label: 'Never', bits: 2048 }))).toBe(
        'TOKEN_MECHANISM_MISSING',
      );
      expect(spareObjects()).not.toContain('Never');
    } finally {
      tokens.close();
    }
  });
});
