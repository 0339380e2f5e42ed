import { describe, expect, it } from 'vitest';
import { GLOSSARY, GLOSSARY_BY_ID, searchGlossary } from '../../../src-renderer/help/glossary';

describe('glossary', () => {
  it('covers every term issue 14 names, each with a meaning and where it is met in Custos', () => {
    const terms = GLOSSARY.map((e) => e.term).join(' | ');
    for (const t of [
      'KEK',
      'EEDK',
      'L/H encoding',
      'Key check value',
      'Device group',
      'Device family',
      'IPP',
      'KMIP',
      'SAN',
      'Custodian share',
    ])
      expect(terms).toContain(t);
    for (const e of GLOSSARY) {
      expect(e.meaning.length, e.id).toBeGreaterThan(60);
      expect(e.whereInCustos.length, e.id).toBeGreaterThan(20);
    }
    expect(new Set(GLOSSARY.map((e) => e.id)).size).toBe(GLOSSARY.length);
  });

  it('states the facts as the source documents do', () => {
    expect(GLOSSARY_BY_ID.get('kmip')?.meaning).toContain('5696');
    expect(GLOSSARY_BY_ID.get('ipp')?.meaning).toMatch(/3801.*1441/);
    const encoding = GLOSSARY_BY_ID.get('label-encoding')?.meaning ?? '';
    expect(encoding).toMatch(/L \(clear label\)/);
    expect(encoding).toMatch(/H \(public key hash\)/);
    expect(GLOSSARY_BY_ID.get('device-family')?.meaning).toMatch(/3592.*LTO/);
    expect(GLOSSARY_BY_ID.get('custodian-share')?.meaning).toMatch(/any M of them/);
  });

  it('searches term, other names and text; every word must match', () => {
    expect(searchGlossary('').length).toBe(GLOSSARY.length);
    expect(searchGlossary('5696').map((e) => e.id)).toContain('kmip');
    expect(searchGlossary('subject alternative').map((e) => e.id)).toEqual(['san']);
    expect(searchGlossary('shamir').map((e) => e.id)).toEqual(['custodian-share']);
    expect(searchGlossary('zzz nothing')).toEqual([]);
  });
});
