// What the certificate pickers and the pickers that choose several entries decide without main:
// which listed entries cannot be picked, and how a pick adds to (or takes out of) the chosen list.
import { describe, expect, it } from 'vitest';
import type { CertificateView } from '../../../../src-main/contract';
import { CERTIFICATE_HOLDERS, certificateProblem, toggled } from '../../../../src-renderer/store/entry-filters';
import { entry } from '../fixtures';

const certificate: CertificateView = {
  subject: 'CN=partner',
  issuer: 'CN=partner',
  notBefore: '2026-01-01T00:00:00.000Z',
  notAfter: '2030-01-01T00:00:00.000Z',
  sha256: 'AB'.repeat(32),
  sha1: 'CD'.repeat(20),
  spkiSha256: 'EF'.repeat(32),
  subjectAltNames: [],
  selfSigned: true,
};

describe('certificate pickers', () => {
  it('ask main for every kind of entry that can hold a certificate, and never for secret keys', () => {
    const types = CERTIFICATE_HOLDERS.map((f) => f.type);
    expect(types).toEqual(['kek', 'public-kek', 'trusted-certificate', 'client-identity']);
    expect(types).not.toContain('secret-key');
  });

  it('list a destroyed entry and one without a certificate, but not as pickable', () => {
    expect(certificateProblem(entry('partner', { type: 'trusted-certificate', certificate }))).toBeNull();
    expect(certificateProblem(entry('old', { type: 'public-kek', certificate, state: 'destroyed' }))).toBe('destroyed');
    expect(certificateProblem(entry('requested', { type: 'client-identity' }))).toBe('no certificate yet');
    // Deactivated and compromised certificates can still be registered or granted, as before.
    expect(certificateProblem(entry('retired', { certificate, state: 'deactivated' }))).toBeNull();
    expect(certificateProblem(entry('leaked', { certificate, state: 'compromised' }))).toBeNull();
  });
});

describe('choosing several entries', () => {
  it('adds a pick at the end, and takes a chosen one out when it is picked again', () => {
    expect(toggled([], 'A')).toEqual(['A']);
    expect(toggled(['A'], 'B')).toEqual(['A', 'B']);
    expect(toggled(['A', 'B', 'C'], 'B')).toEqual(['A', 'C']);
  });

  it('leaves the list it was given as it was', () => {
    const chosen = ['A'];
    toggled(chosen, 'B');
    toggled(chosen, 'A');
    expect(chosen).toEqual(['A']);
  });
});
