import { mkdirSync, openSync, closeSync, ftruncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KeyUsageScanner, parseEkmDate, scanMetadataFile, scanMetadataText } from '../../../src-main/services/devices';
import type { KeyUsageEvent } from '../../../src-main/services/devices';
import { tempDir } from '../../helpers/temp';
import { eventXml } from './fixtures';

const dir = tempDir('custos-metadata-');
afterAll(() => dir.cleanup());

function collect(text: string): KeyUsageEvent[] {
  const events: KeyUsageEvent[] = [];
  scanMetadataText(text, 'SKLMData.xml', (e) => events.push(e));
  return events;
}

describe('key-usage metadata (SKLMData.xml), streamed', () => {
  it('reads the seed event', () => {
    const [event] = collect(
      '<?xml version="1.0"?>\n<!-- EKM -->\n<KeyUsageEvents><KeyUsageEvent>  \n<driveSSN>000007888422</driveSSN>  \n<volSer>WXY662</volSer>  \n<driveWWN>500507630240FBCC</driveWWN>  \n<keyAlias2>Tape_Sol_Tst_Shr_Pvt_1024_Lbl_21</keyAlias2>  \n<keyAlias1>Tape_Sol_Tst_Shr_Pvt_1024_Lbl_20</keyAlias1>  \n<dateTime>Tue Oct 18 19:35:08 GMT 2011</dateTime>  \n</KeyUsageEvent></KeyUsageEvents>',
    );
    expect(event).toEqual({
      index: 1,
      driveSerial: '000007888422',
      volser: 'WXY662',
      driveWwn: '500507630240FBCC',
      alias1: 'Tape_Sol_Tst_Shr_Pvt_1024_Lbl_20',
      alias2: 'Tape_Sol_Tst_Shr_Pvt_1024_Lbl_21',
      dateTime: 'Tue Oct 18 19:35:08 GMT 2011',
      at: '2011-10-18T19:35:08Z',
    });
  });

  it('gives the same events whatever the chunk boundaries, with entities, CDATA and unknown elements', () => {
    const text = `<KeyUsageEvents>${eventXml(1, 'A&amp;B')}<Other><x/></Other><KeyUsageEvent><driveSSN>S1</driveSSN><volSer><![CDATA[VOL<1>]]></volSer><unknownKey>x</unknownKey><keyAlias1>K&#65;</keyAlias1></KeyUsageEvent></KeyUsageEvents>`;
    const whole = collect(text);
    expect(whole.map((e) => [e.alias1, e.volser])).toEqual([
      ['A&B', 'V00001'],
      ['KA', 'VOL<1>'],
    ]);
    for (const size of [1, 3, 7, 64]) {
      const events: KeyUsageEvent[] = [];
      const scanner = new KeyUsageScanner('f', (e) => events.push(e));
      for (let i = 0; i < text.length; i += size) scanner.push(text.slice(i, i + size));
      scanner.end();
      expect(events).toEqual(whole);
    }
  });

  it('names what is not XML, truncated, or not key-usage metadata', () => {
    const cases: [string, string][] = [
      ['driveSSN=1, volSer=2', 'EKM_METADATA_NOT_XML'],
      ['', 'EKM_METADATA_NOT_XML'],
      ['<html><body/></html>', 'EKM_METADATA_NOT_XML'],
      ['<KeyUsageEvents><KeyUsageEvent></keyUsageEvent></KeyUsageEvents>', 'EKM_METADATA_NOT_XML'],
      ['<KeyUsageEvents></KeyUsageEvents> trailing', 'EKM_METADATA_NOT_XML'],
      [
        '<KeyUsageEvents><KeyUsageEvent><volSer>&nbsp;</volSer></KeyUsageEvent></KeyUsageEvents>',
        'EKM_METADATA_NOT_XML',
      ],
      [`<KeyUsageEvents>${eventXml(1)}${eventXml(2).slice(0, 60)}`, 'EKM_METADATA_TRUNCATED'],
      [`<KeyUsageEvents>${eventXml(1)}<KeyUs`, 'EKM_METADATA_TRUNCATED'],
      [
        '<KeyUsageEvents><KeyUsageEvent><driveSSN>1</driveSSN><keyAlias1>K</keyAlias1></KeyUsageEvent></KeyUsageEvents>',
        'EKM_METADATA_EVENT_INVALID',
      ],
    ];
    for (const [text, code] of cases) expect(() => collect(text), text).toThrowError(expect.objectContaining({ code }));
  });

  it('refuses a 50 MB file before reading it, and streams a large file in flat memory', () => {
    mkdirSync(dir.path, { recursive: true });
    const big = join(dir.path, 'big.xml');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 50 * 1024 * 1024 + 1);
    closeSync(fd);
    expect(() => scanMetadataFile(big, 'big.xml', () => undefined)).toThrowError(
      expect.objectContaining({ code: 'EKM_METADATA_TOO_LARGE' }),
    );
    const many = join(dir.path, 'many.xml');
    writeFileSync(
      many,
      `<KeyUsageEvents>\n${Array.from({ length: 20_000 }, (_, i) => eventXml(i)).join('')}</KeyUsageEvents>\n`,
    );
    let count = 0;
    expect(scanMetadataFile(many, 'many.xml', () => count++)).toBe(20_000);
    expect(count).toBe(20_000);
  });

  it('reads Java dates in GMT and leaves others unread', () => {
    expect(parseEkmDate('Tue Oct 18 19:35:08 GMT 2011')).toBe('2011-10-18T19:35:08Z');
    expect(parseEkmDate('Tue Oct  4 09:05:08 UTC 2011')).toBe('2011-10-04T09:05:08Z');
    expect(parseEkmDate('Tue Oct 18 19:35:08 CEST 2011')).toBeNull();
  });
});
