import { CustosError, KeystoreFileCode } from '../../../contract';

/**
 * How much key-derivation work one untrusted file may ask for. The per-bag cap (limits.ts) is
 * Java's own, but a file of many bags at that cap costs minutes: the budget is for the whole
 * file. Each protected item (a PKCS#12 bag or encrypted content, a JCEKS key) brings an
 * allowance a keytool file never exceeds (a JCEKS key at keytool's 200,000 iterations costs
 * 400,000 MD5 rounds), so a 1,000-key keystore reads in full while 30 bags at 5,000,000
 * iterations are refused after the first one.
 */
export const FILE_WORK_BASE = 4_000_000;
export const WORK_PER_PROTECTED_ITEM = 1_000_000;

/** Counts iterations (PBKDF2, PKCS#12 KDF, MD5 chain rounds, MAC) across one file; refuses past the budget. */
export class WorkBudget {
  private spent = 0;
  private items = 0;
  /** Work already charged up front for items read later (see `reserve`). */
  private prepaid = 0;

  constructor(
    private readonly base = FILE_WORK_BASE,
    private readonly perItem = WORK_PER_PROTECTED_ITEM,
    /** Called after each protected item is opened: progress for the job that reads the file. */
    private readonly onItem?: (itemsOpened: number, expected: number | null) => void,
  ) {}

  private expected: number | null = null;
  private openedItems = 0;

  /** How many protected items the file holds, where the format says so up front (JKS/JCEKS). */
  expect(items: number): void {
    this.expected = items;
  }

  /** Charged before the work is done, so a refused file costs nothing more. */
  charge(iterations: number, what: string, protectedItem: boolean): void {
    if (this.prepaid >= iterations) {
      this.prepaid -= iterations;
      return;
    }
    const items = this.items + (protectedItem ? 1 : 0);
    const allowed = this.base + this.perItem * items;
    if (this.spent + iterations > allowed) {
      throw new CustosError(
        KeystoreFileCode.WorkBudget,
        `The file asks for more key-derivation work than a keystore needs (${what} would bring it past ${allowed.toLocaleString('en')} iterations), so it was not read further; ask its sender for a copy written with usual iteration counts.`,
      );
    }
    this.spent += iterations;
    this.items = items;
  }

  /**
   * Charges, before any of them is opened, the work a list of items declares (a PKCS#12's key
   * bags): a file of many costly bags is refused before the first derivation, not after it.
   */
  reserve(iterations: readonly number[], what: string): void {
    let total = 0;
    for (const n of iterations) total += n;
    const items = this.items + iterations.length;
    const allowed = this.base + this.perItem * items;
    if (this.spent + total > allowed) {
      throw new CustosError(
        KeystoreFileCode.WorkBudget,
        `The file asks for more key-derivation work than a keystore needs (${iterations.length} ${what} declare ${total.toLocaleString('en')} iterations; at most ${allowed.toLocaleString('en')} are done for a file like it), so it was not read further; ask its sender for a copy written with usual iteration counts.`,
      );
    }
    this.spent += total;
    this.items = items;
    this.prepaid += total;
  }

  opened(): void {
    this.openedItems += 1;
    this.onItem?.(this.openedItems, this.expected);
  }

  get iterations(): number {
    return this.spent;
  }
}

/**
 * The budget of the file being read. Reading is synchronous (in a worker thread, one file at a
 * time), so one ambient budget per read is safe and spares every parser a parameter.
 */
let current: WorkBudget | null = null;

export function withWorkBudget<T>(budget: WorkBudget, read: () => T): T {
  const outer = current;
  current = budget;
  try {
    return read();
  } finally {
    current = outer;
  }
}

/** Charges the current file's budget; a read outside `withWorkBudget` (writers' self-checks) is uncounted. */
export function chargeWork(iterations: number, what: string, protectedItem: boolean): void {
  current?.charge(iterations, what, protectedItem);
}

/** Charges up front the work of items opened later (see WorkBudget.reserve). */
export function reserveWork(iterations: readonly number[], what: string): void {
  current?.reserve(iterations, what);
}

/** Announces how many protected items the file holds (progress). */
export function expectItems(items: number): void {
  current?.expect(items);
}

/** Marks one protected item opened (progress). */
export function itemOpened(): void {
  current?.opened();
}
