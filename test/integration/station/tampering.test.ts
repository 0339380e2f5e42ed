import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp';

/**
 * Issue 10, items 3 and 4, reproduced as an attacker with write access to station.db would do
 * them (real SQLite edits), and checked through the CLI a custodian uses.
 */
const dir = tempDir('custos-tamper-');
const env = { CUSTOS_PASSPHRASE: 'correct horse battery staple' };
const run = (home: string, ...argv: string[]) => cli(['--home', home, ...argv], env);
const json = async (home: string, ...argv: string[]) => {
  const r = await cli(['--home', home, '--json', ...argv], env);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};
function sql(home: string, statement: string, ...params: unknown[]): void {
  const db = new Database(join(home, 'station.db'));
  db.prepare(statement).run(...params);
  db.close();
}
function certOf(home: string, label: string): Buffer {
  const db = new Database(join(home, 'station.db'), { readonly: true });
  const der = db.prepare('SELECT cert_der FROM entries WHERE label = ?').pluck().get(label) as Buffer;
  db.close();
  return der;
}

let template = '';
beforeAll(async () => {
  template = join(dir.path, 'template');
  expect((await run(template, 'vault', 'init')).code).toBe(0);
  await json(template, 'keystore', 'create-kek', 'Main KEK', '--bits', '2048');
  await json(template, 'keystore', 'create-kek', 'Attacker KEK', '--bits', '2048');
  await json(template, 'keystore', 'create-key', 'Pool key');
}, 120_000);
afterAll(() => dir.cleanup());

/** A fresh copy of the prepared station for each case. */
let copies = 0;
async function station(): Promise<string> {
  const home = join(dir.path, `copy-${++copies}`);
  const { cpSync } = await import('node:fs');
  cpSync(template, home, { recursive: true });
  return home;
}

describe('entries bound under the vault key', () => {
  it('names a certificate swapped under a KEK, and wraps nothing to it', async () => {
    const home = await station();
    const before = await json(home, 'keystore', 'show', 'Main KEK');
    sql(home, "UPDATE entries SET cert_der = ? WHERE label = 'Main KEK'", certOf(home, 'Attacker KEK'));
    const show = await run(home, 'keystore', 'show', 'Main KEK');
    expect(show.code).toBe(1);
    expect(show.stderr).toMatch(/^custos: ENTRY_TAMPERED: The entry "Main KEK" was changed outside Custos/);
    expect(show.stdout).not.toContain(before.certificate.sha256);
    const wrap = await run(home, 'eedk', 'wrap', '--kek', 'Main KEK:H', '--out', join(home, 'x.eedk'));
    expect(wrap.code).toBe(1);
    expect(wrap.stderr).toMatch(/^custos: ENTRY_TAMPERED: The entry "Main KEK"/);
  });

  it('names a swapped certificate together with its fingerprint column', async () => {
    const home = await station();
    const attacker = certOf(home, 'Attacker KEK');
    const sha = createHash('sha256').update(attacker).digest('hex');
    sql(home, "UPDATE entries SET cert_der = ?, cert_sha256 = ? WHERE label = 'Main KEK'", attacker, sha);
    const r = await run(home, 'keystore', 'list');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^custos: ENTRY_TAMPERED: The entry "Main KEK"/);
  });

  it('names a label, state or usage edited in the database', async () => {
    for (const edit of [
      "UPDATE entries SET state = 'active' WHERE label = 'Pool key'",
      "UPDATE entries SET usage = 'wrap and unwrap data keys' WHERE label = 'Pool key'",
      "UPDATE entries SET label = 'Pool key 2', label_key = 'pool key 2' WHERE label = 'Pool key'",
      "UPDATE entries SET type = 'public-kek' WHERE label = 'Attacker KEK'",
    ]) {
      const home = await station();
      if (edit.includes("state = 'active'")) {
        expect((await run(home, 'keystore', 'set-state', 'Pool key', 'deactivated')).code).toBe(0);
      }
      sql(home, edit);
      const r = await run(home, 'keystore', 'list');
      expect({ edit, code: r.code }).toEqual({ edit, code: 1 });
      expect(r.stderr).toMatch(/^custos: ENTRY_TAMPERED: /);
    }
  });

  it('keeps working for entries nobody touched, and through state changes made by Custos', async () => {
    const home = await station();
    expect((await run(home, 'keystore', 'set-state', 'Pool key', 'deactivated')).code).toBe(0);
    expect((await run(home, 'keystore', 'set-state', 'Pool key', 'active')).code).toBe(0);
    expect((await json(home, 'keystore', 'list')).map((e: { label: string }) => e.label)).toEqual([
      'Attacker KEK',
      'Main KEK',
      'Pool key',
    ]);
  });
});

describe('the audit log sealed under the vault key', () => {
  it('is intact, and sealed from its first row', async () => {
    const home = await station();
    const r = await run(home, 'audit', 'verify');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/audit rows are intact and in order; rows 1 to \d+ are sealed under the vault key/);
  });

  it('names rows cut from the end', async () => {
    const home = await station();
    sql(home, 'DELETE FROM audit WHERE seq > (SELECT max(seq) - 2 FROM audit)');
    const r = await run(home, 'audit', 'verify');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^custos: AUDIT_CHAIN_BROKEN: The audit log ends at row \d+, but it was sealed through row \d+/,
    );
  });

  it('names a chain recomputed from the start', async () => {
    const home = await station();
    const db = new Database(join(home, 'station.db'));
    db.prepare("UPDATE audit SET object = 'nothing to see' WHERE seq = 2").run();
    let prev = '0'.repeat(64);
    for (const row of db.prepare('SELECT * FROM audit ORDER BY seq').all() as Record<string, string | number>[]) {
      const hash = createHash('sha256')
        .update(JSON.stringify([row.seq, row.at, row.actor, row.action, row.object, row.outcome, row.detail, prev]))
        .digest('hex');
      db.prepare('UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, row.seq);
      prev = hash;
    }
    db.close();
    const r = await run(home, 'audit', 'verify');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^custos: AUDIT_CHAIN_BROKEN: Audit row \d+ is not the row that was sealed/);
  });

  it('names a seal deleted together with the tail', async () => {
    const home = await station();
    sql(home, 'DELETE FROM audit WHERE seq > 3');
    sql(home, 'DELETE FROM audit_seal');
    const r = await run(home, 'audit', 'verify');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^custos: AUDIT_CHAIN_BROKEN: The audit log's seal is missing/);
  });
});
