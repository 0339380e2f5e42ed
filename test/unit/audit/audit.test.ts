import { afterEach, describe, expect, it } from 'vitest';
import { auditCsv } from '../../../src-main/services/audit';
import { behindCustos, unlockedStation } from '../../helpers/station';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
async function station() {
  const s = await unlockedStation();
  cleanups.push(s.cleanup);
  for (const label of ['One', 'Two', 'Three', 'Four']) await s.station.keystore.createSecretKey({ label });
  return { ...s.station, tamper: (work: Parameters<typeof behindCustos>[1]) => behindCustos(s.home, work) };
}

describe('audit log', () => {
  it('chains every row and verifies intact', async () => {
    const s = await station();
    const verdict = s.audit.verify();
    expect(verdict).toEqual({
      intact: true,
      rows: 5,
      seq: null,
      sentence: 'All 5 audit rows are intact and in order; rows 1 to 5 are sealed under the vault key.',
    });
  });

  it('names the first edited row', async () => {
    const s = await station();
    s.tamper((db) => db.prepare("UPDATE audit SET object = 'Someone else' WHERE seq = 3").run());
    expect(s.audit.verify()).toMatchObject({ intact: false, seq: 3, sentence: expect.stringMatching(/was edited/) });
  });

  it('names the row after a deleted one', async () => {
    const s = await station();
    s.tamper((db) => db.prepare('DELETE FROM audit WHERE seq = 2').run());
    expect(s.audit.verify()).toMatchObject({
      intact: false,
      seq: 3,
      sentence: expect.stringMatching(/deleted or reordered/),
    });
  });

  it('names the first row out of order', async () => {
    const s = await station();
    // Swap the contents of rows 2 and 3, keeping their sequence numbers.
    s.tamper((db) => {
      const rows = db.prepare('SELECT * FROM audit WHERE seq IN (2, 3) ORDER BY seq').all() as Record<
        string,
        unknown
      >[];
      const [a, b] = rows;
      const put = db.prepare(
        'UPDATE audit SET at=@at, action=@action, object=@object, outcome=@outcome, detail=@detail, prev_hash=@prev_hash, hash=@hash WHERE seq=@target',
      );
      put.run({ ...b, target: 2 });
      put.run({ ...a, target: 3 });
    });
    expect(s.audit.verify()).toMatchObject({ intact: false, seq: 2 });
  });

  it('exports CSV that spreadsheets cannot run as formulas', () => {
    const csv = auditCsv([
      {
        seq: 1,
        at: 't',
        actor: 'ann',
        action: 'keystore.create-key',
        object: '=HYPERLINK("x")',
        outcome: 'ok',
        detail: 'a, "b"',
        hash: 'h',
      },
    ]);
    expect(csv).toBe(
      'seq,at,actor,action,object,outcome,detail,hash\r\n1,t,ann,keystore.create-key,"\'=HYPERLINK(""x"")",ok,"a, ""b""",h\r\n',
    );
  });
});
