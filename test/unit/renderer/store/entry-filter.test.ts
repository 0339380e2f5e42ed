import { describe, expect, it } from 'vitest';
import { filterEntries, NO_FILTER } from '../../../../src-renderer/store/entry-filter';
import { entry } from '../fixtures';

const certificate = (sha256: string, notAfter: string) => ({
  subject: 'CN=x',
  issuer: 'CN=x',
  notBefore: '2025-01-01T00:00:00.000Z',
  notAfter,
  sha256,
  sha1: '00',
  spkiSha256: 'feedface',
  subjectAltNames: [],
  selfSigned: true,
});

const NOW = Date.parse('2026-06-01T00:00:00.000Z');
const entries = [
  entry('Finance GL key', { certificate: certificate('AB:CD:EF:01', '2026-06-20T00:00:00.000Z') }),
  entry('dr pool', { type: 'secret-key', kcv: 'A1B2C3', state: 'deactivated' }),
  entry('old partner', { type: 'public-kek', certificate: certificate('12:34:56:78', '2026-01-01T00:00:00.000Z') }),
];
const labels = (filter: Partial<typeof NO_FILTER>) =>
  filterEntries(entries, { ...NO_FILTER, ...filter }, NOW).map((e) => e.label);

describe('entry filter', () => {
  it('shows everything with no filter', () => {
    expect(labels({})).toEqual(['Finance GL key', 'dr pool', 'old partner']);
  });

  it('matches labels ignoring case, fingerprints with or without colons, and a full key check value', () => {
    expect(labels({ query: 'gl KEY' })).toEqual(['Finance GL key']);
    expect(labels({ query: 'cd:ef' })).toEqual(['Finance GL key']);
    expect(labels({ query: '3456' })).toEqual(['old partner']);
    expect(labels({ query: 'faceface' })).toEqual([]);
    expect(labels({ query: 'a1b2c3' })).toEqual(['dr pool']);
    expect(labels({ query: 'a1b2' })).toEqual([]);
  });

  it('narrows by type, state and expiry', () => {
    expect(labels({ type: 'secret-key' })).toEqual(['dr pool']);
    expect(labels({ state: 'deactivated' })).toEqual(['dr pool']);
    expect(labels({ expiry: 'expired' })).toEqual(['old partner']);
    expect(labels({ expiry: '30' })).toEqual(['Finance GL key', 'old partner']);
  });
});
