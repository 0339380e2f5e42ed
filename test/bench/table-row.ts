// One markdown row per measurement: | benchmark | peer | Custos | peer | ratio | target | met? |
// scripts/bench.mjs collects the rows (stdout lines starting "|") and the notes (lines starting
// "> ") of every benchmark into one table.

export interface Measurement {
  benchmark: string;
  peer: string;
  custos: string;
  peerValue: string;
  ratio: string;
  target: string;
  met: boolean | null;
}

export function printRow(m: Measurement): void {
  const cells = [
    m.benchmark,
    m.peer,
    m.custos,
    m.peerValue,
    m.ratio,
    m.target,
    m.met === null ? 'n/a' : m.met ? 'yes' : 'no',
  ];
  process.stdout.write(`| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |\n`);
}

/** A footnote printed under the table: how a figure was taken. */
export function printNote(text: string): void {
  process.stdout.write(`> ${text}\n`);
}

/** "0.84x time": Custos' time over the peer's; below 1 Custos is faster. */
export function timeRatio(custosMs: number, peerMs: number): string {
  const r = custosMs / peerMs;
  const x = r < 0.1 ? r.toFixed(3) : r.toFixed(2);
  return r < 1 ? `${x}x time (${(1 / r).toFixed(1)}x faster)` : `${x}x time`;
}
