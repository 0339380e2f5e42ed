import { describe, expect, it } from 'vitest';
import { parseProperties, readEkmConfig } from '../../../src-main/services/devices';
import { SEED_CONFIG } from './fixtures';

describe('Java properties (EKM configuration file)', () => {
  it('reads comments, escapes, separators, continuations, CRLF and CR, and keeps unknown keys', () => {
    const text = [
      '# a comment',
      '! another comment',
      '   ',
      'config.keystore.file=FILE\\:/KLMETC/Z1/keys.jceks',
      'spaced   =   value with spaces  ',
      'colon:sep',
      'blank sep',
      'long.value=first \\',
      '    second \\',
      '\tthird',
      'unicode=caf\\u00e9',
      'escaped\\=key=v',
      'tab=a\\tb',
      'empty=',
      'even.backslashes=ends\\\\',
      'next=after',
      'unknown.vendor.key=kept',
    ].join('\r\n');
    const p = parseProperties(text);
    expect(p.get('config.keystore.file')).toBe('FILE:/KLMETC/Z1/keys.jceks');
    expect(p.get('spaced')).toBe('value with spaces  ');
    expect(p.get('colon')).toBe('sep');
    expect(p.get('blank')).toBe('sep');
    expect(p.get('long.value')).toBe('first second third');
    expect(p.get('unicode')).toBe('café');
    expect(p.get('escaped=key')).toBe('v');
    expect(p.get('tab')).toBe('a\tb');
    expect(p.get('empty')).toBe('');
    expect(p.get('even.backslashes')).toBe('ends\\');
    expect(p.get('next')).toBe('after');
    expect(p.get('unknown.vendor.key')).toBe('kept');
    expect(p.has('# a comment')).toBe(false);
    expect(parseProperties('a=1\rb=2\nc=3').get('b')).toBe('2');
  });

  it('names a broken \\u escape and a binary file', () => {
    expect(() => parseProperties('a=\\u12G4')).toThrowError(expect.objectContaining({ code: 'EKM_CONFIG_UNREADABLE' }));
    expect(() => parseProperties('a=1\u0000')).toThrowError(expect.objectContaining({ code: 'EKM_CONFIG_UNREADABLE' }));
  });

  it('takes aliases, policy and ports from the seed file, and warns about the clear password and client auth off', () => {
    const c = readEkmConfig(SEED_CONFIG, 'ISKLMConfig.properties');
    expect(c).toMatchObject({
      alias1: 'Tape_Sol_Tst_Shr_Pvt_1024_Lbl_20',
      alias2: 'Tape_Sol_Tst_Shr_Pvt_1024_Lbl_21',
      policy: 'auto',
      tcpPort: 3801,
      sslPort: 1443,
      keystoreType: 'JCECCARACFKS',
      keystoreFile: 'safkeyring://TAPEKMS/KeyStore4758',
      symmetricKeySet: 'des01-1f',
    });
    expect(c.warnings.join('\n')).toMatch(/config\.keystore\.password.*destroy every copy/);
    expect(c.warnings.join('\n')).toMatch(/client authentication/);
    expect(
      readEkmConfig(SEED_CONFIG.replace('drive.acceptUnknownDrives=true', 'drive.acceptUnknownDrives=false'), 'c')
        .policy,
    ).toBe('manual');
  });

  it('refuses a configuration without default aliases', () => {
    for (const missing of ['drive.default.alias1', 'drive.default.alias2']) {
      const text = SEED_CONFIG.split('\n')
        .filter((l) => !l.startsWith(missing))
        .join('\n');
      expect(() => readEkmConfig(text, 'c')).toThrowError(
        expect.objectContaining({ code: 'EKM_CONFIG_NO_DEFAULT_ALIASES' }),
      );
    }
  });
});
