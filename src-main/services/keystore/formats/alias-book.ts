/** Hands out unique aliases, compared case-insensitively as Java keystores compare them. */
export class AliasBook {
  private readonly taken = new Set<string>();

  claim(wanted: string | undefined, fallback: string): string {
    const base = wanted === undefined || wanted.trim() === '' ? fallback : wanted;
    let alias = base;
    for (let n = 2; this.taken.has(alias.toLowerCase()); n++) alias = `${base}-${n}`;
    this.taken.add(alias.toLowerCase());
    return alias;
  }
}
