import {
  DerCursor,
  DerTag,
  childrenOf,
  contextTag,
  decodeDer,
  readBmpString,
  readOctets,
  readOid,
  type DerElement,
} from '../asn1/der-reader';
import { Oid } from '../asn1/oids';
import { MalformedError } from '../errors';

/** A SafeBag with the attributes keystores use; `value` is the element inside [0] EXPLICIT. */
export interface SafeBag {
  readonly bagId: string;
  readonly value: DerElement;
  readonly friendlyName?: string;
  readonly localKeyId?: Buffer;
  /** Oracle's trusted-certificate mark, which is how keytool tells a trusted entry from a chain member. */
  readonly trusted: boolean;
}

const MAX_NESTING = 4;

/** Flattens SafeContents, including nested safeContentsBags. */
export function parseSafeContents(safeContents: Buffer, depth = 0): SafeBag[] {
  if (depth > MAX_NESTING) throw new MalformedError('its safe contents nest too deeply');
  const bags: SafeBag[] = [];
  const cursor = new DerCursor(decodeDer(safeContents), 'the safe contents');
  while (cursor.hasMore()) {
    const bag = parseSafeBag(cursor.next(DerTag.Sequence, 'bag'));
    if (bag.bagId === Oid.safeContentsBag) bags.push(...parseSafeContents(bag.value.encoded, depth + 1));
    else bags.push(bag);
  }
  return bags;
}

function parseSafeBag(element: DerElement): SafeBag {
  const bag = new DerCursor(element, 'a safe bag');
  const bagId = readOid(bag.next(DerTag.Oid, 'type'));
  const wrapper = new DerCursor(bag.next(contextTag(0, true), 'value'), 'a safe bag value', contextTag(0, true));
  const value = wrapper.nextAny('value');
  wrapper.end();
  const attributes = bag.optional(DerTag.Set);
  bag.end();
  let friendlyName: string | undefined;
  let localKeyId: Buffer | undefined;
  let trusted = false;
  for (const attribute of attributes === undefined ? [] : childrenOf(attributes)) {
    const cursor = new DerCursor(attribute, 'a bag attribute');
    const type = readOid(cursor.next(DerTag.Oid, 'type'));
    const values = childrenOf(cursor.next(DerTag.Set, 'values'));
    cursor.end();
    const [first] = values;
    if (first === undefined) continue;
    if (type === Oid.friendlyName) friendlyName = readBmpString(first, 'a friendly name');
    else if (type === Oid.localKeyId) localKeyId = readOctets(first, 'a local key id');
    else if (type === Oid.oracleTrustedKeyUsage) trusted = true;
  }
  return { bagId, value, friendlyName, localKeyId, trusted };
}

/** Java writes localKeyId as "Time <ms since epoch>"; that is the entry's creation date. */
export function creationDateFromLocalKeyId(localKeyId: Buffer | undefined): Date | undefined {
  if (localKeyId === undefined) return undefined;
  const match = /^Time (\d{1,15})$/.exec(localKeyId.toString('latin1'));
  return match?.[1] === undefined ? undefined : new Date(Number(match[1]));
}
