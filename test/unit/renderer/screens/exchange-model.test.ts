import { afterEach, describe, expect, it, vi } from 'vitest';
import { calls } from '../../../../src-main/contract';
import {
  exchangeFor,
  freshExchange,
  IDENTITIES,
  identityAlias,
  identityErrors,
  identityFields,
  identityNote,
  identityProblem,
  isReady,
  serverErrors,
  serverFields,
  trustAliasErrors,
} from '../../../../src-renderer/screens/servers/exchange/model';
import { clearProgress, saveProgress, savedProgress } from '../../../../src-renderer/screens/servers/exchange/resume';
import { entry, keyServer } from '../fixtures';

afterEach(() => vi.unstubAllGlobals());

/** sessionStorage as the browser keeps it: strings by key, for this tab only. */
function stubSessionStorage(): Map<string, string> {
  const kept = new Map<string, string>();
  vi.stubGlobal('sessionStorage', {
    getItem: (key: string) => kept.get(key) ?? null,
    setItem: (key: string, value: string) => void kept.set(key, value),
    removeItem: (key: string) => void kept.delete(key),
  });
  return kept;
}

describe('certificate exchange model', () => {
  it('starts a new exchange empty, on the KMIP port', () => {
    expect(freshExchange()).toMatchObject({ existing: null, name: '', kmipPort: 5696, fetchPort: 5696, test: null });
  });

  it('re-runs the exchange for a saved server from its settings and bindings', () => {
    const data = exchangeFor(keyServer('SKLM primary', { kmipPort: 15696, role: 'secondary', identityLabel: null }));
    expect(data).toMatchObject({
      existing: 'SKLM primary',
      name: 'SKLM primary',
      kmipPort: 15696,
      fetchPort: 15696,
      role: 'secondary',
      trustLabel: 'SKLM primary CA',
      identityLabel: null,
      identityMode: 'self-signed',
    });
    expect(exchangeFor(keyServer('b')).identityMode).toBe('existing');
  });

  it("checks the server step with servers.add's schema, trimmed, and sends the same fields", () => {
    const data = { ...freshExchange(), name: '  ', address: 'kms1.example.com', kmipPort: 70_000 };
    expect(serverErrors(data)).toEqual({ name: 'Required.', kmipPort: 'At most 65535.' });
    const good = { ...data, name: ' SKLM primary ', kmipPort: 5696 };
    expect(serverErrors(good)).toEqual({});
    expect(serverFields(good)).toEqual({
      name: 'SKLM primary',
      address: 'kms1.example.com',
      kmipPort: 5696,
      role: 'primary',
      verifyHostname: true,
    });
    expect(calls['servers.add'].input.safeParse({ ...serverFields(good), trustLabel: 't' }).success).toBe(true);
  });

  it('checks the alias a trusted certificate is kept under', () => {
    expect(trustAliasErrors(' ')).toEqual({ alias: 'Required.' });
    expect(trustAliasErrors('x'.repeat(257))).toEqual({ alias: 'At most 256 characters.' });
    expect(trustAliasErrors('SKLM CA')).toEqual({});
  });

  it('suggests an identity label after the server until the custodian types one', () => {
    const data = { ...freshExchange(), name: 'SKLM primary' };
    expect(identityAlias(data)).toBe('SKLM primary client');
    expect(identityAlias({ ...freshExchange() })).toBe('Station client');
    expect(identityAlias({ ...data, identityAlias: '' })).toBe('');
  });

  it("checks a new identity with identity.createSelfSigned's schema; SANs split on spaces and commas", () => {
    const data = { ...freshExchange(), name: 'SKLM', identityCn: '', identitySans: 'a.example.com, 10.0.0.5  b' };
    expect(identityFields(data)).toEqual({
      label: 'SKLM client',
      commonName: '',
      subjectAltNames: ['a.example.com', '10.0.0.5', 'b'],
    });
    expect(identityErrors(data)).toEqual({ commonName: 'Required.' });
    expect(identityErrors({ ...data, identityCn: 'x'.repeat(65), identityAlias: '' })).toEqual({
      label: 'Required.',
      commonName: 'At most 64 characters.',
    });
    expect(identityErrors({ ...data, identityCn: 'custos-station-1' })).toEqual({});
  });

  it("is ready to go on when the step's decision is made", () => {
    const data = freshExchange();
    expect(isReady('server', data)).toBe(true);
    expect(isReady('server-certificate', data)).toBe(false);
    expect(isReady('server-certificate', { ...data, trustLabel: 'SKLM CA' })).toBe(true);
    expect(isReady('station-certificate', { ...data, identityLabel: 'station' })).toBe(true);
    expect(isReady('test', data)).toBe(false);
    expect(isReady('test', { ...data, test: { ok: false, steps: [] } })).toBe(true);
    expect(isReady('hand-over', data)).toBe(true);
    expect(isReady('save', data)).toBe(true);
  });

  it('offers only active client identities, and lists one still waiting for its certificate as not pickable', () => {
    expect(IDENTITIES).toEqual([{ type: 'client-identity', state: 'active' }]);
    const certificate = {
      subject: 'CN=station',
      issuer: 'CN=station',
      notBefore: '2026-01-01T00:00:00.000Z',
      notAfter: '2028-06-30T23:59:59.000Z',
      sha256: 'AB'.repeat(32),
      sha1: 'CD'.repeat(20),
      spkiSha256: 'EF'.repeat(32),
      subjectAltNames: [],
      selfSigned: true,
    };
    const signed = entry('station', { type: 'client-identity', certificate });
    const waiting = entry('requested', { type: 'client-identity' });
    expect(identityProblem(signed)).toBeNull();
    expect(identityNote(signed)).toBe('(until 2028-06-30)');
    expect(identityProblem(waiting)).toBe('waiting for its signed certificate');
    expect(identityNote(waiting)).toBe('');
  });
});

describe('certificate exchange resume', () => {
  it('keeps the step and data across a reload, and forgets them on close', () => {
    stubSessionStorage();
    expect(savedProgress()).toBeNull();
    const data = { ...freshExchange(), name: 'SKLM primary' };
    saveProgress('station-certificate', data);
    expect(savedProgress()).toEqual({ step: 'station-certificate', data });
    clearProgress();
    expect(savedProgress()).toBeNull();
  });

  it('starts afresh when what was kept cannot be read', () => {
    const kept = stubSessionStorage();
    kept.set('custos.wizard.certificate-exchange', '{not json');
    expect(savedProgress()).toBeNull();
  });
});
