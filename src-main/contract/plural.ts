/** "1 entry", "2 entries", "100,000 entries": a count and its noun, as a custodian reads them. */
export function countOf(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
