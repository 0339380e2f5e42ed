import { createPrivateKey, createSign, createVerify, X509Certificate } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { behindCustos, unlockedStation } from '../../helpers/station';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
async function station() {
  const s = await unlockedStation();
  cleanups.push(s.cleanup);
  return {
    ...s.station,
    tamper: <T>(work: (db: Parameters<Parameters<typeof behindCustos>[1]>[0]) => T) => behindCustos(s.home, work),
  };
}

describe('keystore entries', () => {
  it('creates a KEK whose private key belongs to its self-signed certificate', async () => {
    const s = await station();
    const kek = await s.keystore.createKek({
      label: '  Finance Dept GL Key 1  ',
      bits: 2048,
      subject: 'CN=Finance KEK, O=Bank, C=CH',
      days: 365,
    });
    expect(kek).toMatchObject({
      label: 'Finance Dept GL Key 1',
      type: 'kek',
      state: 'active',
      algorithm: 'RSA',
      keyBits: 2048,
      hasSecret: true,
      kcv: null,
    });
    expect(kek.certificate?.subject).toBe('CN=Finance KEK, O=Bank, C=CH');
    expect(kek.certificate?.selfSigned).toBe(true);
    const { secret } = s.keystore.secretOf('finance dept gl key 1');
    const signature = createSign('sha256')
      .update('probe')
      .sign(createPrivateKey({ key: secret, format: 'der', type: 'pkcs8' }));
    const cert = new X509Certificate(s.keystore.certificateOf(kek.label));
    expect(createVerify('sha256').update('probe').verify(cert.publicKey, signature)).toBe(true);
    expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it('creates AES keys of each size with a key check value', async () => {
    const s = await station();
    for (const bits of [128, 192, 256] as const) {
      const key = await s.keystore.createSecretKey({ label: `AES ${bits}`, bits });
      expect(key).toMatchObject({ algorithm: 'AES', keyBits: bits, hasSecret: true, certificate: null });
      expect(key.kcv).toMatch(/^[0-9A-F]{6}$/);
      expect(s.keystore.secretOf(key.label).secret).toHaveLength(bits / 8);
    }
  });

  it('keeps labels unique regardless of case, and within 64 characters', async () => {
    const s = await station();
    await s.keystore.createSecretKey({ label: 'Tape Pool 7' });
    const before = s.keystore.list();
    const auditBefore = s.audit.list().length;
    await expect(s.keystore.createSecretKey({ label: 'TAPE POOL 7' })).rejects.toMatchObject({ code: 'LABEL_TAKEN' });
    await expect(s.keystore.createSecretKey({ label: ' tape pool 7 ' })).rejects.toMatchObject({ code: 'LABEL_TAKEN' });
    await expect(s.keystore.createSecretKey({ label: 'x'.repeat(65) })).rejects.toMatchObject({
      code: 'LABEL_TOO_LONG',
    });
    await expect(s.keystore.createSecretKey({ label: '   ' })).rejects.toMatchObject({ code: 'LABEL_EMPTY' });
    await expect(s.keystore.createSecretKey({ label: 'line\nbreak' })).rejects.toMatchObject({ code: 'LABEL_INVALID' });
    await s.keystore.createSecretKey({ label: 'é'.repeat(64) });
    expect(s.keystore.list()).toHaveLength(before.length + 1);
    expect(s.audit.list().length).toBe(auditBefore + 1);
  });

  it('destroys key material only with the label typed again, keeping metadata and audit trail', async () => {
    const s = await station();
    const kek = await s.keystore.createKek({ label: 'Old KEK', bits: 2048 });
    expect(() => s.keystore.destroy('Old KEK', 'old kek')).toThrowError(
      expect.objectContaining({ code: 'DESTROY_NOT_CONFIRMED' }),
    );
    expect(s.keystore.show('Old KEK').hasSecret).toBe(true);
    expect(() => s.keystore.destroy('No Such Key', 'No Such Key')).toThrowError(
      expect.objectContaining({ code: 'ENTRY_UNKNOWN' }),
    );
    const gone = s.keystore.destroy('old kek', 'Old KEK');
    expect(gone).toMatchObject({ state: 'destroyed', hasSecret: false });
    expect(gone.certificate?.sha256).toBe(kek.certificate?.sha256);
    expect(() => s.keystore.secretOf('Old KEK')).toThrowError(expect.objectContaining({ code: 'ENTRY_DESTROYED' }));
    expect(() => s.keystore.destroy('Old KEK', 'Old KEK')).toThrowError(
      expect.objectContaining({ code: 'ENTRY_DESTROYED' }),
    );
    expect(
      s.tamper((db) => db.prepare('SELECT sealed FROM entries WHERE label = ?').pluck().get('Old KEK')),
    ).toBeNull();
    expect(s.audit.list({ action: 'keystore.destroy' })).toHaveLength(1);
  });

  it('names the entry whose row was edited behind its back, and keeps the rest usable', async () => {
    const s = await station();
    await s.keystore.createSecretKey({ label: 'Victim' });
    const other = await s.keystore.createSecretKey({ label: 'Bystander' });
    s.tamper((db) => {
      const { sealed } = db.prepare("SELECT sealed FROM entries WHERE label = 'Victim'").get() as { sealed: Buffer };
      const flipped = Buffer.from(sealed);
      flipped[20] = (flipped[20] ?? 0) ^ 0x01;
      db.prepare("UPDATE entries SET sealed = ? WHERE label = 'Victim'").run(flipped);
    });
    expect(() => s.keystore.secretOf('Victim')).toThrowError(
      expect.objectContaining({ code: 'ENTRY_TAMPERED', message: expect.stringContaining('"Victim"') }),
    );
    expect(s.keystore.secretOf('Bystander').entry.kcv).toBe(other.kcv);
    expect(s.keystore.list()).toHaveLength(2);
  });

  it('refuses sealed material moved from one row to another', async () => {
    const s = await station();
    await s.keystore.createSecretKey({ label: 'A' });
    await s.keystore.createSecretKey({ label: 'B' });
    s.tamper((db) =>
      db.prepare("UPDATE entries SET sealed = (SELECT sealed FROM entries WHERE label = 'A') WHERE label = 'B'").run(),
    );
    expect(() => s.keystore.secretOf('B')).toThrowError(expect.objectContaining({ code: 'ENTRY_TAMPERED' }));
  });

  it('moves entries between active and deactivated; compromised is final', async () => {
    const s = await station();
    await s.keystore.createSecretKey({ label: 'K' });
    expect(s.keystore.setState('K', 'deactivated').state).toBe('deactivated');
    expect(s.keystore.setState('K', 'active').state).toBe('active');
    expect(() => s.keystore.setState('K', 'compromised')).toThrowError(
      expect.objectContaining({ code: 'COMPROMISE_NOT_CONFIRMED' }),
    );
    expect(s.keystore.setState('K', 'active').state).toBe('active');
    expect(s.keystore.setState('K', 'compromised', 'K').state).toBe('compromised');
    expect(() => s.keystore.setState('K', 'active')).toThrowError(
      expect.objectContaining({ code: 'ENTRY_COMPROMISED' }),
    );
  });

  it('refuses everything while the vault is locked', async () => {
    const s = await station();
    s.vault.lock();
    expect(() => s.keystore.list()).toThrowError(expect.objectContaining({ code: 'VAULT_LOCKED' }));
    await expect(s.keystore.createSecretKey({ label: 'K' })).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
  });
});
