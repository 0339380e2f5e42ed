/** The drive a key file is written to or erased from, as the custodian names it. */
export interface CopyTarget {
  mountPoint: string;
  label: string;
}
